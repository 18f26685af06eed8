"""Bad input gets 422 problem details with field errors, and writes nothing."""

import pytest
from httpx import Response
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select

from lumen.db.outbox import OutboxEvent
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.resources import Resources
from tests.members import Register

LONG = "x" * 5000
PROFILE_BODIES = [
    {},
    {"display_name": ""},
    {"display_name": "   "},
    {"display_name": LONG},
    {"display_name": "A", "headline": LONG},
    {"display_name": "A", "languages": ["xx"]},
    {"display_name": "A", "languages": "en"},
    {"display_name": "A", "links": ["javascript:alert(1)"]},
    {"display_name": "A", "links": ["ftp://example.com"]},
    {"display_name": "A", "visibility": "secret"},
    {"display_name": "A", "specialties": ["underwater-basket-weaving"]},
    {"display_name": "A", "location": {"latitude": 91, "longitude": 0, "precision": "approximate"}},
    {
        "display_name": "A",
        "location": {"latitude": 0, "longitude": -180.5, "precision": "approximate"},
    },
    {"display_name": "A", "location": {"latitude": 10, "precision": "approximate"}},
    {"display_name": "A", "location": {"precision": "city"}},
    {"display_name": "A", "location": {"precision": "exact", "latitude": 1, "longitude": 1}},
    {"display_name": "A", "location": {"city_id": 999999999}},
    {"display_name": "A", "attributes": {"height_cm": 400}},
    {"display_name": "A", "attributes": {"shoe_size": 42}},
    {"display_name": "A", "unknown_field": 1},
    {"display_name": 12},
]
PHOTO_BODIES = [
    {"title": LONG},
    {"tags": ["#" + "t" * 60]},
    {"tags": [f"tag{i}" for i in range(40)]},
    {"visibility": "everyone"},
    {"taken_at": "yesterday"},
    {"location": {"precision": "exact", "latitude": 1, "longitude": 2}},
    {"extra": True},
]


async def _written(db: Resources) -> tuple[int, int, int]:
    async with db.sessions() as session:
        counts = [
            await session.scalar(select(func.count()).select_from(table))
            for table in (Profile, Photo, OutboxEvent)
        ]
    return tuple(int(c or 0) for c in counts)  # type: ignore[return-value]


def _is_field_problem(response: Response) -> bool:
    body = response.json()
    return (
        response.status_code == 422
        and response.headers["content-type"].startswith("application/problem+json")
        and body["type"] == "/problems/validation-error"
        and bool(body.get("errors"))
    )


@pytest.mark.parametrize("body", PROFILE_BODIES)
async def test_a_bad_profile_is_refused_with_field_errors_and_nothing_written(
    client: AsyncTestClient[Litestar], db: Resources, register: Register, body: dict[str, object]
) -> None:
    _, headers = await register("photographer")
    response = await client.post("/v1/profiles", json=body, headers=headers)
    assert _is_field_problem(response), response.text
    assert await _written(db) == (0, 0, 0)


@pytest.mark.parametrize("body", PHOTO_BODIES)
async def test_bad_photo_metadata_is_refused_and_nothing_written(
    client: AsyncTestClient[Litestar], db: Resources, register: Register, body: dict[str, object]
) -> None:
    _, headers = await register()
    await client.post("/v1/profiles", json={"display_name": "P"}, headers=headers)
    before = await _written(db)
    response = await client.post("/v1/photos", json=body, headers=headers)
    assert _is_field_problem(response), response.text
    assert await _written(db) == before


@pytest.mark.parametrize("raw", [b"{", b"[]", b"null", b'"x"', b"\xff\xfe"])
async def test_malformed_json_is_a_422_not_a_500(
    client: AsyncTestClient[Litestar], db: Resources, register: Register, raw: bytes
) -> None:
    _, headers = await register()
    response = await client.post(
        "/v1/profiles", content=raw, headers={**headers, "content-type": "application/json"}
    )
    assert response.status_code in {400, 422}, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert await _written(db) == (0, 0, 0)


async def test_a_model_cannot_claim_a_studio_or_an_exact_location(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register("model")
    response = await client.post(
        "/v1/profiles",
        json={
            "display_name": "M",
            "attributes": {"studio": {"name": "S", "address": "1 Rue X"}},
        },
        headers=headers,
    )
    assert _is_field_problem(response)
    assert await _written(db) == (0, 0, 0)


async def test_a_photographer_studio_may_be_shown_exactly(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register("photographer")
    response = await client.post(
        "/v1/profiles",
        json={
            "display_name": "Studio Nord",
            "attributes": {"studio": {"name": "Studio Nord", "address": "1 Rue de Rivoli"}},
            "location": {"precision": "exact", "latitude": 48.8606, "longitude": 2.3376},
        },
        headers=headers,
    )
    assert response.status_code == 201, response.text
    assert response.json()["location"]["precision"] == "exact"
