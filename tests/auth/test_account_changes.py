from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select

from lumen.db.outbox import OutboxEvent
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.db.users import User
from lumen.resources import Resources
from lumen.settings import Settings
from tests.auth.content import profile_with_photos
from tests.auth.people import ADULT, registered, years_ago
from tests.auth.test_accounts import events

Client = AsyncTestClient[Litestar]


async def test_a_birth_date_can_be_corrected(
    client: Client, settings: Settings, db: Resources
) -> None:
    person = await registered(client, settings, role="model")
    response = await client.patch(
        "/v1/me", json={"birth_date": "1991-02-03"}, headers=person.headers
    )
    assert response.status_code == 200
    assert response.json()["birth_date"] == "1991-02-03"
    assert response.json()["version"] == 2
    assert await events(db, person.uid) == [("UserRegistered", 1), ("UserUpdated", 2)]


async def test_a_correction_that_makes_a_model_under_age_is_refused(
    client: Client, settings: Settings, db: Resources
) -> None:
    person = await registered(client, settings, role="model")
    too_young = {"birth_date": years_ago(17)}
    response = await client.patch("/v1/me", json=too_young, headers=person.headers)
    assert response.status_code == 422
    assert response.json()["type"] == "/problems/under-age"
    assert (await client.get("/v1/me", headers=person.headers)).json()["birth_date"] == ADULT
    assert await events(db, person.uid) == [("UserRegistered", 1)]


async def test_an_empty_or_unchanged_patch_writes_nothing(
    client: Client, settings: Settings, db: Resources
) -> None:
    person = await registered(client, settings)
    for body in ({}, {"birth_date": ADULT}):
        response = await client.patch("/v1/me", json=body, headers=person.headers)
        assert response.status_code == 200
        assert response.json()["version"] == 1
    assert await events(db, person.uid) == [("UserRegistered", 1)]


@pytest.mark.parametrize(
    "body", [{"role": "model"}, {"birth_date": None}, {"status": "active"}, []]
)
async def test_only_the_birth_date_can_be_patched(
    client: Client, settings: Settings, db: Resources, body: object
) -> None:
    person = await registered(client, settings)
    response = await client.patch("/v1/me", json=body, headers=person.headers)
    assert response.status_code == 422
    assert await events(db, person.uid) == [("UserRegistered", 1)]


async def test_deleting_the_account_erases_the_birth_date_and_keeps_a_tombstone(
    client: Client, settings: Settings, db: Resources
) -> None:
    person = await registered(client, settings)
    assert (await client.delete("/v1/me", headers=person.headers)).status_code == 204
    async with db.sessions() as session:
        user = await session.get(User, person.uid)
    assert user is not None
    assert (user.status, user.birth_date_encrypted, user.version) == ("deleted", b"", 2)
    assert user.deleted_at is not None
    assert await events(db, person.uid) == [("UserRegistered", 1), ("UserDeleted", 2)]
    response = await client.get("/v1/me", headers=person.headers)
    assert response.json()["type"] == "/problems/registration-required"


async def test_a_deleted_account_can_register_again_and_its_version_keeps_counting(
    client: Client, settings: Settings, db: Resources
) -> None:
    person = await registered(client, settings)
    await client.delete("/v1/me", headers=person.headers)
    again = {"role": "model", "birth_date": "1985-01-01"}
    response = await client.post("/v1/me", json=again, headers=person.headers)
    assert response.status_code == 201
    assert (response.json()["role"], response.json()["version"]) == ("model", 3)
    assert [e for e, _ in await events(db, person.uid)][-1] == "UserRegistered"


async def test_deleting_the_account_takes_its_profile_and_photos_off_every_surface(
    client: Client, settings: Settings, db: Resources
) -> None:
    person = await registered(client, settings)
    profile_id, visible, hidden = await profile_with_photos(db, person.uid)
    assert (await client.delete("/v1/me", headers=person.headers)).status_code == 204
    async with db.sessions() as session:
        assert await session.get(Profile, profile_id) is None
        assert await session.scalar(select(func.count()).select_from(Photo)) == 0
        deleted = await session.scalars(
            select(OutboxEvent.aggregate_id).where(
                OutboxEvent.event_type.in_(["ProfileDeleted", "PhotoDeleted"])
            )
        )
        assert set(deleted) == {str(profile_id), str(visible), str(hidden)}
