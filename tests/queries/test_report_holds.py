"""Protective holds reach anonymous search through the outbox and the projector: a target
reported as a minor, or by enough members, leaves the index; dismissing brings it back."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from lumen.settings import Settings
from tests.auth.people import registered, with_claims
from tests.members import Caller
from tests.queries.world import add_person, add_photo, fresh_indices, project

Client = AsyncTestClient[Litestar]


async def _names(client: Client) -> set[str]:
    response = await client.get("/v1/search/profiles", params={"page_size": 50})
    return {i["display_name"] for i in response.json()["items"]}


async def _titles(client: Client) -> set[str]:
    response = await client.get("/v1/search/photos", params={"page_size": 50})
    return {i["title"] for i in response.json()["items"]}


async def _report(
    client: Client, who: dict[str, str], kind: str, ident: uuid.UUID, cat: str
) -> None:
    body = {"target_kind": kind, "target_id": str(ident), "category": cat}
    response = await client.post("/v1/reports", json=body, headers=who)
    assert response.status_code == 201, response.text


async def test_a_profile_reported_as_a_minor_leaves_search_with_its_photos_until_dismissed(
    client: Client, db: Resources, settings: Settings, register: Callable[..., Awaitable[Caller]]
) -> None:
    await fresh_indices(db)
    (_, reporter), (owner_uid, _) = await register(), await register()
    profile = await add_person(db, "Mina Reported", uid=owner_uid)
    await add_photo(db, profile, "Mina's portrait")
    await add_person(db, "Bystander")
    await project(db)
    assert "Mina Reported" in await _names(client)

    await _report(client, reporter, "profile", profile, "minor")
    await project(db)
    assert await _names(client) == {"Bystander"}
    assert "Mina's portrait" not in await _titles(client)

    admin = await with_claims(settings, await registered(client, settings), {"admin": True})
    dismissed = await client.post(
        f"/v1/moderation/reports/profile/{profile}/resolve",
        json={"action": "dismiss", "reason": "an adult, checked"},
        headers=admin.headers,
    )
    assert dismissed.status_code == 201, dismissed.text
    await project(db)
    assert await _names(client) == {"Bystander", "Mina Reported"}
    assert "Mina's portrait" in await _titles(client)


async def test_a_photo_is_held_once_enough_distinct_members_report_it(
    client: Client, db: Resources, register: Callable[..., Awaitable[Caller]]
) -> None:
    await fresh_indices(db)
    owner = await add_person(db, "Owner")
    photo = await add_photo(db, owner, "Disputed")
    await project(db)
    reporters = [headers for _, headers in [await register() for _ in range(3)]]
    for reporter in reporters[:2]:
        await _report(client, reporter, "photo", photo, "spam")
    await project(db)
    assert await _titles(client) == {"Disputed"}, "two reports are under the threshold of 3"

    await _report(client, reporters[2], "photo", photo, "harassment")
    await project(db)
    assert await _titles(client) == set()
