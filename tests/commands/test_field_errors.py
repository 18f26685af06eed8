"""A refused body names every field at fault, each by its path in the body, in one answer
of the one problem shape."""

from collections.abc import Awaitable, Callable

from httpx import Response
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from tests.members import Caller

Register = Callable[..., Awaitable[Caller]]


def _fields(response: Response) -> dict[str, str]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "/problems/validation-error"
    assert all(set(error) == {"field", "message"} for error in body["errors"])
    return {error["field"]: error["message"] for error in body["errors"]}


async def test_every_bad_field_of_a_profile_is_named_by_its_path(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register("photographer")
    body = {
        "display_name": " ",
        "links": ["https://ana.example", "javascript:alert(1)"],
        "languages": ["en", "xx"],
        "location": {"latitude": 91, "longitude": 2, "precision": "approximate"},
        "visibility": "secret",
        "shoe_size": 42,
    }
    found = _fields(await client.post("/v1/profiles", json=body, headers=headers))
    assert set(found) == {
        "display_name",
        "links[1]",
        "languages[1]",
        "location.latitude",
        "visibility",
        "shoe_size",
    }


async def test_a_patch_names_its_fields_not_the_body(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register("photographer")
    created = await client.post("/v1/profiles", json={"display_name": "Ana"}, headers=headers)
    path = f"/v1/profiles/{created.json()['id']}"
    body = {"links": ["ftp://x"], "languages": "en", "display_name": "x" * 81}
    found = _fields(await client.patch(path, json=body, headers=headers))
    assert set(found) == {"links[0]", "languages", "display_name"}


async def test_role_attributes_and_specialties_are_named_together(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register("model")
    body = {
        "display_name": "Mia",
        "specialties": ["portrait", "underwater-basket-weaving"],
        "attributes": {"measurements": {"waist_cm": 5}, "height_cm": 400, "gear": ["Leica"]},
    }
    found = _fields(await client.post("/v1/profiles", json=body, headers=headers))
    assert set(found) == {
        "specialties[1]",
        "attributes.measurements.waist_cm",
        "attributes.height_cm",
        "attributes.gear",
    }
    assert "model" in found["attributes.gear"]


async def test_a_location_body_names_its_own_fields(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register("photographer")
    created = await client.post("/v1/profiles", json={"display_name": "Ana"}, headers=headers)
    path = f"/v1/profiles/{created.json()['id']}/location"
    found = _fields(await client.put(path, json={"latitude": 10}, headers=headers))
    assert set(found) == {"longitude"}


async def test_photo_tags_are_named_by_their_index(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register()
    body = {"tags": ["ok", "t" * 60], "title": "x" * 200, "location": {"precision": "exact"}}
    found = _fields(await client.post("/v1/photos", json=body, headers=headers))
    assert set(found) == {"tags[1]", "title", "location.precision"}


async def test_query_parameters_are_reported_in_the_same_shape(
    client: AsyncTestClient[Litestar],
) -> None:
    response = await client.get("/v1/search/profiles?page_size=500&radius_km=x")
    assert set(_fields(response)) == {"page_size", "radius_km"}
