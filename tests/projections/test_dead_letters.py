"""Outbox rows the projector can never project go to the dead letters at once, with the
reason; rows it cannot project yet are retried with backoff, then dead. Neither holds
back the events beside it, and operators can replay both."""

from __future__ import annotations

import dataclasses
import uuid

from sqlalchemy import text

from lumen.projections import claims
from lumen.projections.projector import run_batch
from lumen.resources import Resources
from tests.conftest import make_settings
from tests.projections.conftest import eventually, fetch, pending, project_all
from tests.projections.world import add_profile, add_user, raw_event


async def _dead(res: Resources) -> dict[int, tuple[int, str]]:
    async with res.db.connect() as conn:
        rows = await conn.execute(
            text("SELECT id, attempts, last_error FROM outbox WHERE dead_at IS NOT NULL")
        )
    return {ident: (attempts, error) for ident, attempts, error in rows}


async def test_an_unknown_event_type_is_dead_lettered_at_once_with_its_name(
    search: Resources,
) -> None:
    admired = await raw_event(search, "profile", uuid.uuid4(), "ProfileAdmired")
    invoice = await raw_event(search, "invoice", "42", "InvoicePaid")
    batch = await run_batch(search)
    assert (batch.claimed, batch.failed) == (2, 2)
    assert await _dead(search) == {
        admired: (1, "unknown event type 'ProfileAdmired'"),
        invoice: (1, "unknown event type 'InvoicePaid'"),
    }
    assert await pending(search) == 0


async def test_a_payload_that_does_not_decode_is_dead_lettered_at_once_with_why(
    search: Resources,
) -> None:
    no_owner = await raw_event(search, "photo", uuid.uuid4(), "PhotoCreated")
    not_a_uuid = await raw_event(search, "profile", "x-1", "ProfileUpdated", {"user_uid": "u"})
    misfiled = await raw_event(search, "user", "u-1", "PhotoCreated", {"owner_id": "x"})
    healthy = await add_profile(search, await add_user(search))
    await project_all(search)
    dead = await _dead(search)
    assert set(dead) == {no_owner, not_a_uuid, misfiled}
    assert {attempts for attempts, _ in dead.values()} == {1}
    assert dead[no_owner][1] == "PhotoCreated: Object missing required field `owner_id`"
    assert dead[not_a_uuid][1].startswith("ProfileUpdated: Invalid UUID")
    assert dead[misfiled][1] == "PhotoCreated belongs to photo, not 'user'"
    assert await fetch(search, "profiles", healthy) is not None
    assert await pending(search) == 0
    async with search.sessions.begin() as session:
        assert await claims.replay_dead(session) == 3
    assert await pending(search) == 3


async def test_a_row_that_fails_to_build_is_retried_then_dead(search: Resources) -> None:
    res = dataclasses.replace(
        search,
        settings=make_settings(
            LUMEN_INDEX_PREFIX=search.settings.index_prefix, LUMEN_PROJECTOR_MAX_ATTEMPTS="2"
        ),
    )
    uid = await add_user(res)
    await project_all(res)
    broken = await add_profile(res, uid)
    async with res.db.begin() as conn:
        # Attributes that are no object: no document can be built until the row is fixed.
        await conn.execute(
            text("UPDATE profiles SET attributes = '[1]' WHERE id = :id"), {"id": broken}
        )
    batch = await run_batch(res)
    assert (batch.claimed, batch.failed) == (1, 1)
    assert await _dead(res) == {}
    assert await pending(res) == 1
    later = await add_profile(res, await add_user(res))
    await project_all(res)
    assert await fetch(res, "profiles", later) is not None

    async def dead() -> bool:
        await run_batch(res)
        found = list((await _dead(res)).values())
        return len(found) == 1 and found[0][0] == 2 and "build failed" in found[0][1]

    await eventually(dead, within_s=15)
    assert await pending(res) == 0
    async with res.sessions.begin() as session:
        assert await claims.replay_dead(session) == 1
    assert await pending(res) == 1
