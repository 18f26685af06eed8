from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from tests.members import Register, outbox_events


async def _with_profile(
    client: AsyncTestClient[Litestar], register: Register
) -> tuple[str, dict[str, str]]:
    _, headers = await register()
    response = await client.post("/v1/profiles", json={"display_name": "P"}, headers=headers)
    return response.json()["id"], headers


async def test_photo_metadata_is_created_as_a_draft_with_normalised_tags(
    client: AsyncTestClient[Litestar], db: Resources, register: Register, paris_city: int
) -> None:
    owner_id, headers = await _with_profile(client, register)
    response = await client.post(
        "/v1/photos",
        json={
            "title": " Golden hour ",
            "tags": ["#Portrait", "portrait", " Golden  Hour "],
            "location": {"precision": "approximate", "latitude": 48.86, "longitude": 2.35},
        },
        headers=headers,
    )
    assert response.status_code == 201, response.text
    photo = response.json()
    # The shape others see, with the processing state and the held location added.
    assert photo["owner"] == {"id": owner_id, "name": "P", "role": "photographer"}
    assert photo["place"] == {
        "precision": "approximate",
        "city_id": paris_city,
        "city": "Paris",
        "country_code": "FR",
        "country": "France",
    }
    assert photo["status"] == "draft"
    assert photo["title"] == "Golden hour"
    assert photo["tags"] == ["portrait", "golden hour"]
    assert photo["location"]["city_id"] == paris_city
    assert (await outbox_events(db))[-1] == ("photo", photo["id"], 1, "PhotoCreated")


async def test_a_photo_needs_a_profile_first(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register()
    response = await client.post("/v1/photos", json={"title": "x"}, headers=headers)
    assert response.status_code == 409
    assert response.json()["type"] == "/problems/profile-required"
    assert await outbox_events(db) == []


async def test_patching_a_photo_moves_its_version_by_one(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await _with_profile(client, register)
    photo = (await client.post("/v1/photos", json={"title": "a"}, headers=headers)).json()
    response = await client.patch(
        f"/v1/photos/{photo['id']}",
        json={"caption": "b", "title": None},
        headers={**headers, "if-match": '"1"'},
    )
    assert response.status_code == 200, response.text
    assert (response.json()["version"], response.json()["title"]) == (2, None)
    assert (await outbox_events(db))[-1] == ("photo", photo["id"], 2, "PhotoUpdated")


async def test_deleting_a_photo_records_a_tombstone_event(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await _with_profile(client, register)
    photo = (await client.post("/v1/photos", json={"title": "a"}, headers=headers)).json()
    assert (await client.delete(f"/v1/photos/{photo['id']}", headers=headers)).status_code == 204
    assert (await outbox_events(db))[-1] == ("photo", photo["id"], 2, "PhotoDeleted")
    assert (
        await client.patch(f"/v1/photos/{photo['id']}", json={}, headers=headers)
    ).status_code == 404


async def test_someone_else_cannot_edit_or_delete_a_photo(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, owner = await _with_profile(client, register)
    _, other = await _with_profile(client, register)
    photo = (await client.post("/v1/photos", json={"title": "a"}, headers=owner)).json()
    assert (
        await client.patch(f"/v1/photos/{photo['id']}", json={"title": "b"}, headers=other)
    ).status_code == 403
    assert (await client.delete(f"/v1/photos/{photo['id']}", headers=other)).status_code == 403
    assert [e[3] for e in await outbox_events(db)].count("PhotoUpdated") == 0
