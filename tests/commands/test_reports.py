"""Reports: who may file what, one open per reporter and target, the reporter's list, and
the admins' queue resolving a target's reports with an audited action and its events."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from lumen.app import create_app
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.db.users import ModerationAction, User
from lumen.resources import Resources
from lumen.settings import Settings
from tests.auth.content import profile_with_photos
from tests.auth.people import registered, with_claims
from tests.conftest import make_settings
from tests.members import Caller, outbox_events

Client = AsyncTestClient[Litestar]
Register = Callable[..., Awaitable[Caller]]


def report(
    kind: str, ident: uuid.UUID, category: str = "spam", **more: object
) -> dict[str, object]:
    return {"target_kind": kind, "target_id": str(ident), "category": category, **more}


@pytest.fixture
async def admin(client: Client, settings: Settings, db: Resources) -> dict[str, str]:
    person = await with_claims(settings, await registered(client, settings), {"admin": True})
    return person.headers


@pytest.fixture
async def target(db: Resources, register: Register) -> tuple[str, uuid.UUID, uuid.UUID]:
    """A member with a profile and a visible photo: (uid, profile id, photo id)."""
    uid, _ = await register()
    profile, photo, _ = await profile_with_photos(db, uid)
    async with db.sessions.begin() as session:
        found = await session.get(Photo, photo)
        assert found is not None
        found.status = "ready"
    return uid, profile, photo


async def test_one_open_report_per_reporter_and_target(
    client: Client, db: Resources, register: Register, target: tuple[str, uuid.UUID, uuid.UUID]
) -> None:
    _, reporter = await register()
    first = await client.post("/v1/reports", json=report("photo", target[2]), headers=reporter)
    assert first.status_code == 201, first.text
    again = await client.post(
        "/v1/reports", json=report("photo", target[2], "other"), headers=reporter
    )
    assert again.status_code == 200
    assert again.json() == first.json()
    assert first.json()["state"] == "open"
    filed = [e for e in await outbox_events(db) if e[3] == "ReportFiled"]
    assert len(filed) == 1


@pytest.mark.parametrize(
    "body",
    [
        {"target_kind": "photo", "category": "spam"},
        {"target_kind": "message", "target_id": str(uuid.uuid4()), "category": "spam"},
        {"target_kind": "photo", "target_id": str(uuid.uuid4()), "category": "rude"},
        {
            "target_kind": "photo",
            "target_id": str(uuid.uuid4()),
            "category": "spam",
            "note": "x" * 1001,
        },
        {
            "target_kind": "photo",
            "target_id": str(uuid.uuid4()),
            "category": "spam",
            "note": "a\x00b",
        },
    ],
)
async def test_malformed_reports_are_refused(
    client: Client, db: Resources, register: Register, body: dict[str, object]
) -> None:
    _, reporter = await register()
    response = await client.post("/v1/reports", json=body, headers=reporter)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_nobody_reports_themselves_or_what_they_cannot_see(
    client: Client, db: Resources, register: Register, target: tuple[str, uuid.UUID, uuid.UUID]
) -> None:
    _, profile, photo = target
    _, reporter = await register()
    hidden = await client.post("/v1/reports", json=report("photo", uuid.uuid4()), headers=reporter)
    assert hidden.status_code == 404
    async with db.sessions.begin() as session:
        found = await session.get(Profile, profile)
        assert found is not None
        found.visibility = "private"
    private = await client.post("/v1/reports", json=report("profile", profile), headers=reporter)
    assert private.status_code == 404
    anonymous = await client.post("/v1/reports", json=report("photo", photo))
    assert anonymous.status_code == 401


async def test_reporting_oneself_is_refused(
    client: Client, db: Resources, register: Register
) -> None:
    uid, headers = await register()
    profile, _photo, _ = await profile_with_photos(db, uid)
    response = await client.post("/v1/reports", json=report("profile", profile), headers=headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "target_id"


async def test_reporters_list_their_own_reports_by_pages_with_their_state(
    client: Client,
    db: Resources,
    register: Register,
    admin: dict[str, str],
    target: tuple[str, uuid.UUID, uuid.UUID],
) -> None:
    _uid, profile, photo = target
    _, reporter = await register()
    for kind, ident in (("profile", profile), ("photo", photo)):
        response = await client.post("/v1/reports", json=report(kind, ident), headers=reporter)
        assert response.status_code == 201
    await client.post(
        f"/v1/moderation/reports/photo/{photo}/resolve",
        json={"action": "dismiss", "reason": "fine"},
        headers=admin,
    )
    first = (await client.get("/v1/me/reports", params={"page_size": 1}, headers=reporter)).json()
    assert [(i["target_kind"], i["state"]) for i in first["items"]] == [("photo", "dismissed")]
    rest = await client.get(
        "/v1/me/reports", params={"cursor": first["next_cursor"]}, headers=reporter
    )
    assert [(i["target_kind"], i["state"]) for i in rest.json()["items"]] == [("profile", "open")]
    assert rest.json()["next_cursor"] is None
    assert "reporter_uid" not in first["items"][0]


async def test_the_queue_groups_open_reports_by_target_with_filters_and_pages(
    client: Client,
    db: Resources,
    register: Register,
    admin: dict[str, str],
    target: tuple[str, uuid.UUID, uuid.UUID],
) -> None:
    uid, profile, photo = target
    reporters = [headers for _, headers in [await register() for _ in range(2)]]
    await client.post("/v1/reports", json=report("photo", photo, "spam"), headers=reporters[0])
    await client.post(
        "/v1/reports", json=report("photo", photo, "harassment", note="again"), headers=reporters[1]
    )
    await client.post("/v1/reports", json=report("profile", profile, "other"), headers=reporters[0])

    page = (
        await client.get("/v1/moderation/reports", params={"page_size": 1}, headers=admin)
    ).json()
    group = page["items"][0]
    assert (group["target_kind"], group["count"], group["subject_uid"]) == ("photo", 2, uid)
    assert group["categories"] == ["harassment", "spam"]
    assert group["target_state"] == "visible"
    assert [r["note"] for r in group["reports"]] == [None, "again"]
    assert group["first_reported_at"] <= group["last_reported_at"]
    rest = await client.get(
        "/v1/moderation/reports", params={"cursor": page["next_cursor"]}, headers=admin
    )
    assert [g["target_kind"] for g in rest.json()["items"]] == ["profile"]

    harassment = await client.get(
        "/v1/moderation/reports", params={"category": "harassment"}, headers=admin
    )
    assert [g["target_kind"] for g in harassment.json()["items"]] == ["photo"]
    profiles = await client.get(
        "/v1/moderation/reports", params={"target_kind": "profile"}, headers=admin
    )
    assert [g["target_id"] for g in profiles.json()["items"]] == [str(profile)]


async def test_hiding_a_reported_photo_writes_its_audit_row_and_events_together(
    client: Client,
    db: Resources,
    register: Register,
    admin: dict[str, str],
    target: tuple[str, uuid.UUID, uuid.UUID],
) -> None:
    uid, _, photo = target
    _, reporter = await register()
    filed = await client.post("/v1/reports", json=report("photo", photo, "minor"), headers=reporter)
    async with db.sessions() as session:
        assert (await session.get(Photo, photo)).moderation == "held"  # type: ignore[union-attr]
    response = await client.post(
        f"/v1/moderation/reports/photo/{photo}/resolve",
        json={"action": "hide_photo", "reason": "confirmed"},
        headers=admin,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["resolved"], body["action"]["action"], body["action"]["subject_uid"]) == (
        1,
        "hide_photo",
        uid,
    )
    async with db.sessions() as session:
        held = await session.get(Photo, photo)
        assert held is not None
        assert held.moderation == "hidden"
        actions = list(
            await session.scalars(select(ModerationAction).order_by(ModerationAction.id))
        )
    assert [(a.action, a.actor_uid == "lumen:reports") for a in actions] == [
        ("hold_photo", True),
        ("hide_photo", False),
    ]
    events = [(e[1], e[3]) for e in await outbox_events(db) if e[0] in ("photo", "report")]
    report_id = filed.json()["id"]
    assert events[-2:] == [(str(photo), "PhotoHidden"), (report_id, "ReportResolved")]
    mine = (await client.get("/v1/me/reports", headers=reporter)).json()["items"]
    assert mine[0]["state"] == "actioned"
    again = await client.post(
        f"/v1/moderation/reports/photo/{photo}/resolve",
        json={"action": "dismiss", "reason": "twice"},
        headers=admin,
    )
    assert again.status_code == 404


async def test_suspending_a_reported_member_lifts_the_hold_and_suspends_them(
    client: Client,
    db: Resources,
    register: Register,
    admin: dict[str, str],
    target: tuple[str, uuid.UUID, uuid.UUID],
) -> None:
    uid, profile, _ = target
    _, reporter = await register()
    await client.post("/v1/reports", json=report("profile", profile, "minor"), headers=reporter)
    response = await client.post(
        f"/v1/moderation/reports/profile/{profile}/resolve",
        json={"action": "suspend_member", "reason": "under age"},
        headers=admin,
    )
    assert response.status_code == 201, response.text
    async with db.sessions() as session:
        user = await session.get(User, uid)
        found = await session.get(Profile, profile)
    assert user is not None
    assert user.status == "suspended"
    assert found is not None
    assert (found.moderation, found.version) == ("visible", 1)
    kinds = [e[3] for e in await outbox_events(db)]
    assert kinds[-4:] == ["ProfileHidden", "UserSuspended", "ProfileUnhidden", "ReportResolved"]
    hide = await client.post(
        f"/v1/moderation/reports/profile/{profile}/resolve",
        json={"action": "hide_photo", "reason": "x"},
        headers=admin,
    )
    assert hide.status_code == 404, "no open reports remain"


async def test_only_a_photo_can_be_hidden_from_the_queue(
    client: Client,
    db: Resources,
    register: Register,
    admin: dict[str, str],
    target: tuple[str, uuid.UUID, uuid.UUID],
) -> None:
    _, profile, _ = target
    _, reporter = await register()
    await client.post("/v1/reports", json=report("profile", profile), headers=reporter)
    response = await client.post(
        f"/v1/moderation/reports/profile/{profile}/resolve",
        json={"action": "hide_photo", "reason": "x"},
        headers=admin,
    )
    assert response.status_code == 422
    async with db.sessions() as session:
        assert list(await session.scalars(select(ModerationAction))) == []


async def test_the_audit_trail_per_member_and_per_admin(
    client: Client,
    db: Resources,
    register: Register,
    admin: dict[str, str],
    target: tuple[str, uuid.UUID, uuid.UUID],
) -> None:
    uid, _, photo = target
    _, reporter = await register()
    await client.post("/v1/reports", json=report("photo", photo, "minor"), headers=reporter)
    await client.post(
        f"/v1/moderation/reports/photo/{photo}/resolve",
        json={"action": "dismiss", "reason": "fine"},
        headers=admin,
    )
    member = await client.get(
        f"/v1/moderation/users/{uid}/actions", params={"page_size": 1}, headers=admin
    )
    assert [a["action"] for a in member.json()["items"]] == ["dismiss_reports"]
    older = await client.get(
        f"/v1/moderation/users/{uid}/actions",
        params={"cursor": member.json()["next_cursor"]},
        headers=admin,
    )
    assert [a["action"] for a in older.json()["items"]] == ["hold_photo"]
    admin_uid = member.json()["items"][0]["actor_uid"]
    mine = await client.get(f"/v1/moderation/admins/{admin_uid}/actions", headers=admin)
    assert [a["action"] for a in mine.json()["items"]] == ["dismiss_reports"]
    refused = await client.get(f"/v1/moderation/users/{uid}/actions", headers=reporter)
    assert refused.status_code == 403
    assert (await client.get("/v1/moderation/reports")).status_code == 401
    assert (await client.get("/v1/moderation/reports", headers=reporter)).status_code == 403


@pytest.fixture
async def limited(settings: Settings, db: Resources) -> AsyncIterator[Client]:
    limits = make_settings(
        LUMEN_MEDIA_DIR=str(settings.media_dir), LUMEN_RATE_LIMIT_REPORTS_PER_HOUR="2"
    )
    async with AsyncTestClient(app=create_app(limits)) as client:
        yield client


async def test_reports_spend_a_budget_of_their_own(
    limited: Client, db: Resources, register: Register
) -> None:
    _, reporter = await register()
    statuses = [
        (
            await limited.post("/v1/reports", json=report("photo", uuid.uuid4()), headers=reporter)
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [404, 404, 429]
    refused = await limited.post(
        "/v1/reports", json=report("photo", uuid.uuid4()), headers=reporter
    )
    assert refused.json()["type"] == "/problems/too-many-requests"
    # Other writes keep their own budget.
    other = await limited.post(
        "/v1/follows", json={"profile_id": str(uuid.uuid4())}, headers=reporter
    )
    assert other.status_code != 429
