from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from lumen.db.outbox import OutboxEvent
from lumen.db.users import User
from lumen.resources import Resources
from lumen.settings import Settings
from tests.auth.people import ADULT, registered, signed_up, years_ago

Client = AsyncTestClient[Litestar]


async def events(db: Resources, uid: str) -> list[tuple[str, int]]:
    async with db.sessions() as session:
        rows = await session.scalars(
            select(OutboxEvent).where(OutboxEvent.aggregate_id == uid).order_by(OutboxEvent.id)
        )
        return [(e.event_type, e.aggregate_version) for e in rows]


@pytest.mark.parametrize("role", ["photographer", "model"])
async def test_registers_either_role_and_records_the_event(
    client: Client, settings: Settings, db: Resources, role: str
) -> None:
    person = await signed_up(settings)
    response = await client.post(
        "/v1/me", json={"role": role, "birth_date": ADULT}, headers=person.headers
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["uid"], body["role"], body["status"]) == (person.uid, role, "active")
    assert body["birth_date"] == ADULT
    assert body["is_admin"] is False
    assert await events(db, person.uid) == [("UserRegistered", 1)]


@pytest.mark.parametrize("role", ["photographer", "model"])
async def test_refuses_anyone_a_day_short_of_eighteen(
    client: Client, settings: Settings, db: Resources, role: str
) -> None:
    person = await signed_up(settings)
    response = await client.post(
        "/v1/me",
        json={"role": role, "birth_date": years_ago(18, days=1)},
        headers=person.headers,
    )
    assert response.status_code == 422
    assert response.json()["type"] == "/problems/under-age"
    assert response.json()["errors"][0]["field"] == "birth_date"
    assert await events(db, person.uid) == []
    async with db.sessions() as session:
        assert await session.get(User, person.uid) is None


async def test_accepts_anyone_on_their_eighteenth_birthday_and_no_younger_photographer(
    client: Client, settings: Settings, db: Resources
) -> None:
    model, photographer, young = [await signed_up(settings) for _ in range(3)]
    for person, role in ((model, "model"), (photographer, "photographer")):
        adult = {"role": role, "birth_date": years_ago(18)}
        assert (await client.post("/v1/me", json=adult, headers=person.headers)).status_code == 201
    sixteen = {"role": "photographer", "birth_date": years_ago(16)}
    refused = await client.post("/v1/me", json=sixteen, headers=young.headers)
    assert (refused.status_code, refused.json()["type"]) == (422, "/problems/under-age")


@pytest.mark.parametrize(
    "body",
    [
        {"role": "admin", "birth_date": ADULT},
        {"role": "model"},
        {"role": "model", "birth_date": "17/05/1990"},
        {"role": "model", "birth_date": "2999-01-01"},
        {"role": "model", "birth_date": "1850-01-01"},
        {"role": "model", "birth_date": ADULT, "is_admin": True},
    ],
)
async def test_refuses_invalid_registrations_with_422(
    client: Client, settings: Settings, db: Resources, body: dict[str, object]
) -> None:
    person = await signed_up(settings)
    response = await client.post("/v1/me", json=body, headers=person.headers)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert await events(db, person.uid) == []


async def test_registering_twice_is_a_conflict(
    client: Client, settings: Settings, db: Resources
) -> None:
    person = await registered(client, settings)
    again = {"role": "model", "birth_date": ADULT}
    response = await client.post("/v1/me", json=again, headers=person.headers)
    assert response.status_code == 409
    assert response.json()["type"] == "/problems/already-registered"


async def test_an_unregistered_token_is_told_to_register(
    client: Client, settings: Settings, db: Resources
) -> None:
    person = await signed_up(settings)
    for method in ("GET", "PATCH", "DELETE"):
        response = await client.request(method, "/v1/me", json={}, headers=person.headers)
        assert response.status_code == 403
        assert response.json()["type"] == "/problems/registration-required"


async def test_the_birth_date_is_encrypted_at_rest(
    client: Client, settings: Settings, db: Resources
) -> None:
    person = await registered(client, settings)
    async with db.sessions() as session:
        stored = (await session.get(User, person.uid)).birth_date_encrypted  # type: ignore[union-attr]
    assert ADULT.encode() not in stored
    assert b"1990" not in stored
    assert (await client.get("/v1/me", headers=person.headers)).json()["birth_date"] == ADULT
