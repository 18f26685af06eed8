from __future__ import annotations

import uuid

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from lumen.db.outbox import OutboxEvent
from lumen.db.photos import Photo
from lumen.db.users import ModerationAction, User
from lumen.resources import Resources
from lumen.settings import Settings
from tests.auth.content import profile_with_photos
from tests.auth.people import Person, registered, with_claims

Client = AsyncTestClient[Litestar]


@pytest.fixture
async def admin(client: Client, settings: Settings, db: Resources) -> Person:
    return await with_claims(settings, await registered(client, settings), {"admin": True})


async def outbox(db: Resources) -> list[tuple[str, str, str, int]]:
    async with db.sessions() as session:
        rows = await session.scalars(select(OutboxEvent).order_by(OutboxEvent.id))
        return [(e.aggregate_type, e.aggregate_id, e.event_type, e.aggregate_version) for e in rows]


async def audit(db: Resources) -> list[tuple[str, str, str, str]]:
    async with db.sessions() as session:
        rows = await session.scalars(select(ModerationAction).order_by(ModerationAction.id))
        return [(r.actor_uid, r.action, r.target_id, r.reason) for r in rows]


async def test_suspending_refuses_the_users_writes_but_lets_them_read_why(
    client: Client, settings: Settings, db: Resources, admin: Person
) -> None:
    user = await registered(client, settings)
    url = f"/v1/moderation/users/{user.uid}/suspend"
    response = await client.post(url, json={"reason": "spam"}, headers=admin.headers)
    assert response.status_code == 201
    assert response.json()["action"] == "suspend_user"
    assert await audit(db) == [(admin.uid, "suspend_user", user.uid, "spam")]
    assert (await outbox(db))[-1] == ("user", user.uid, "UserSuspended", 2)

    refused = await client.patch("/v1/me", json={"birth_date": "1980-01-01"}, headers=user.headers)
    assert refused.status_code == 403
    assert refused.json()["type"] == "/problems/account-suspended"
    me = (await client.get("/v1/me", headers=user.headers)).json()
    assert (me["status"], me["status_reason"]) == ("suspended", "spam")


async def test_unsuspending_restores_writes_and_clears_the_reason(
    client: Client, settings: Settings, db: Resources, admin: Person
) -> None:
    user = await registered(client, settings)
    for action in ("suspend", "unsuspend"):
        url = f"/v1/moderation/users/{user.uid}/{action}"
        assert (
            await client.post(url, json={"reason": action}, headers=admin.headers)
        ).status_code == 201
    assert (await outbox(db))[-1] == ("user", user.uid, "UserUnsuspended", 3)
    response = await client.patch("/v1/me", json={"birth_date": "1980-01-01"}, headers=user.headers)
    assert response.status_code == 200
    assert response.json()["status_reason"] is None


async def test_hiding_and_unhiding_a_photo_is_audited_and_versioned(
    client: Client, settings: Settings, db: Resources, admin: Person
) -> None:
    owner = await registered(client, settings)
    _, photo_id, _ = await profile_with_photos(db, owner.uid)
    hide = f"/v1/moderation/photos/{photo_id}/hide"
    assert (
        await client.post(hide, json={"reason": "nudity"}, headers=admin.headers)
    ).status_code == 201
    async with db.sessions() as session:
        photo = await session.get(Photo, photo_id)
    assert photo is not None
    assert (photo.moderation, photo.moderation_reason, photo.version) == ("hidden", "nudity", 2)

    unhide = f"/v1/moderation/photos/{photo_id}/unhide"
    assert (
        await client.post(unhide, json={"reason": "appeal"}, headers=admin.headers)
    ).status_code == 201
    events = [e for e in await outbox(db) if e[0] == "photo"]
    assert events == [
        ("photo", str(photo_id), "PhotoHidden", 2),
        ("photo", str(photo_id), "PhotoUnhidden", 3),
    ]
    assert [a[1] for a in await audit(db)] == ["hide_photo", "unhide_photo"]


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}, {"reason": "x" * 2001}])
async def test_a_reason_is_required(
    client: Client, settings: Settings, db: Resources, admin: Person, body: dict[str, str]
) -> None:
    user = await registered(client, settings)
    url = f"/v1/moderation/users/{user.uid}/suspend"
    assert (await client.post(url, json=body, headers=admin.headers)).status_code == 422
    assert await audit(db) == []
    async with db.sessions() as session:
        assert (await session.get(User, user.uid)).status == "active"  # type: ignore[union-attr]


async def test_acting_twice_or_on_nothing_changes_nothing(
    client: Client, settings: Settings, db: Resources, admin: Person
) -> None:
    user = await registered(client, settings)
    body = {"reason": "spam"}
    await client.post(f"/v1/moderation/users/{user.uid}/suspend", json=body, headers=admin.headers)
    cases = {
        f"/v1/moderation/users/{user.uid}/suspend": (409, "/problems/moderation-conflict"),
        f"/v1/moderation/users/{admin.uid}/unsuspend": (409, "/problems/moderation-conflict"),
        "/v1/moderation/users/nobody/suspend": (404, "/problems/not-found"),
        f"/v1/moderation/photos/{uuid.uuid4()}/hide": (404, "/problems/not-found"),
        "/v1/moderation/photos/not-a-uuid/hide": (404, "/problems/not-found"),
    }
    for url, expected in cases.items():
        response = await client.post(url, json=body, headers=admin.headers)
        assert (response.status_code, response.json()["type"]) == expected, url
    assert len(await audit(db)) == 1


async def test_a_deleted_account_cannot_be_suspended(
    client: Client, settings: Settings, db: Resources, admin: Person
) -> None:
    user = await registered(client, settings)
    await client.delete("/v1/me", headers=user.headers)
    url = f"/v1/moderation/users/{user.uid}/suspend"
    assert (await client.post(url, json={"reason": "x"}, headers=admin.headers)).status_code == 404
