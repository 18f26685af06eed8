"""Failure tests for delivery: late commits, duplicates, reordering, deletes, poison
events and competing workers. Each ends with the index equal to Postgres."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.db.outbox import record
from lumen.db.profiles import Profile
from lumen.engine import SearchClient
from lumen.events import FollowerAdded, PhotoUpdated, ProfileUpdated
from lumen.projections import claims, writes
from lumen.projections.batch import prepare
from lumen.projections.indices import read_alias
from lumen.projections.projector import Steps, drain, run_batch
from lumen.projections.read_model import DocKey
from lumen.projections.writes import write
from lumen.resources import Resources
from tests.conftest import make_settings
from tests.projections.conftest import (
    assert_converged,
    eventually,
    fetch,
    pending,
    project_all,
    refresh,
)
from tests.projections.world import (
    add_photo,
    add_profile,
    add_user,
    delete_profile,
    update_profile,
)


async def _build_pending(res: Resources) -> list[object]:
    """The documents the pending events would produce now, without acknowledging them."""
    async with res.sessions.begin() as session:
        events = await claims.claim(session, 1000)
        built = await prepare(session, events)
        await session.rollback()
    return list(built.documents)


async def test_an_older_transaction_committing_late_still_reaches_the_index(
    search: Resources,
) -> None:
    late_id = await add_profile(search, await add_user(search))
    await project_all(search)
    async with search.sessions.begin() as late:
        profile = await late.get(Profile, late_id)
        assert profile is not None
        profile.headline = "Committed last"
        await late.flush()
        # This outbox row gets the smaller id, but stays invisible while the transaction is open.
        changed = ProfileUpdated(
            profile_id=late_id, version=profile.version, user_uid=profile.user_uid
        )
        await record(late, changed)
        other = await add_profile(search, await add_user(search))
        await project_all(search)
        assert await fetch(search, "profiles", other) is not None
        doc = await fetch(search, "profiles", late_id)
        assert doc is not None
        assert doc["headline"] is None
    await project_all(search)
    doc = await fetch(search, "profiles", late_id)
    assert doc is not None
    assert doc["headline"] == "Committed last"
    await assert_converged(search)


async def test_the_same_batch_delivered_twice_converges(search: Resources) -> None:
    owner = await add_profile(search, await add_user(search))
    await add_photo(search, owner)
    await update_profile(search, owner, headline="Twice")
    await project_all(search)
    async with search.db.begin() as conn:
        await conn.execute(text("UPDATE outbox SET processed_at = NULL"))
    assert await project_all(search) > 0
    await assert_converged(search)


async def test_documents_built_earlier_and_written_later_lose(search: Resources) -> None:
    owner = await add_profile(search, await add_user(search))
    photo = await add_photo(search, owner)
    early = await _build_pending(search)
    await update_profile(search, owner, display_name="Newer Name")
    await project_all(search)
    # The earlier snapshot arrives last, as a slow worker's would.
    assert await write(search.search, search.redis, search.settings, early) == {}  # type: ignore[arg-type]
    await refresh(search)
    doc = await fetch(search, "photos", photo)
    assert doc is not None
    assert doc["owner_name"] == "Newer Name"
    await assert_converged(search)


async def test_an_update_arriving_after_a_delete_does_not_resurrect(search: Resources) -> None:
    for name in ("profiles", "photos", "following"):
        # The engine forgets deletes at once: only the tombstone document can protect.
        await search.search.put_settings(
            read_alias(search.settings, name), {"index": {"gc_deletes": "0s"}}
        )
    owner_uid = await add_user(search)
    owner = await add_profile(search, owner_uid)
    photo = await add_photo(search, owner)
    stale = await _build_pending(search)
    await project_all(search)
    await delete_profile(search, owner)
    await project_all(search)
    assert await write(search.search, search.redis, search.settings, stale) == {}  # type: ignore[arg-type]
    await refresh(search)
    for name, ident in (("profiles", owner), ("photos", photo), ("following", owner_uid)):
        doc = await fetch(search, name, ident)
        assert doc is not None
        assert doc["tombstone"] is True, name
    await assert_converged(search)


class _Watched:
    """The real claim and send, noting bulk requests in flight and claims made meanwhile."""

    def __init__(self) -> None:
        self.in_flight = self.most = self.sends = self.claims_during_send = 0

    async def claim(self, session: AsyncSession, limit: int) -> list[claims.Claimed]:
        self.claims_during_send += self.in_flight
        return await claims.claim(session, limit)

    async def send(self, client: SearchClient, planned: writes.Planned) -> dict[DocKey, str]:
        self.in_flight, self.sends = self.in_flight + 1, self.sends + 1
        self.most = max(self.most, self.in_flight)
        try:
            await asyncio.sleep(0.02)  # long enough for the other lane to reach its turn
            return await writes.send(client, planned)
        finally:
            self.in_flight -= 1


async def test_a_drain_overlaps_batches_but_sends_one_bulk_request_at_a_time(
    search: Resources,
) -> None:
    res = dataclasses.replace(
        search,
        settings=make_settings(
            LUMEN_INDEX_PREFIX=search.settings.index_prefix, LUMEN_PROJECTOR_BATCH_SIZE="4"
        ),
    )
    profiles = [await add_profile(res, await add_user(res)) for _ in range(6)]
    for profile_id in profiles:
        await add_photo(res, profile_id)
    events = await pending(res)
    watched = _Watched()
    assert await drain(res, steps=Steps(claim=watched.claim, send=watched.send)) == events
    assert watched.sends >= events // 4
    assert watched.most == 1
    # The next batch was claimed while the engine had the previous one.
    assert watched.claims_during_send > 0
    await refresh(res)
    await assert_converged(res)


async def test_two_workers_never_leave_an_older_version(search: Resources) -> None:
    profiles = [await add_profile(search, await add_user(search)) for _ in range(5)]
    photos = [await add_photo(search, p) for p in profiles for _ in range(3)]
    stop = asyncio.Event()

    async def worker() -> None:
        while not stop.is_set():
            if not (await run_batch(search, limit=7)).claimed:
                await asyncio.sleep(0.01)

    async def writer() -> None:
        for round_ in range(15):
            for profile_id in profiles:
                await update_profile(search, profile_id, headline=f"round {round_}")

    workers = [asyncio.create_task(worker()) for _ in range(2)]
    await writer()
    await eventually(lambda: _none_pending(search))
    stop.set()
    await asyncio.gather(*workers)
    await refresh(search)
    for profile_id in profiles:
        doc = await fetch(search, "profiles", profile_id)
        assert doc is not None
        assert doc["headline"] == "round 14"
    assert len(photos) == 15
    await assert_converged(search)


async def _none_pending(res: Resources) -> bool:
    return await pending(res) == 0


async def test_unknown_photo_and_profile_ids_are_harmless(search: Resources) -> None:
    async with search.sessions.begin() as session:
        await record(
            session,
            PhotoUpdated(photo_id=uuid.uuid4(), version=1, owner_id=uuid.uuid4()),
            FollowerAdded(profile_id=uuid.uuid4(), version=1, other_id=uuid.uuid4()),
        )
    assert await project_all(search) == 2
    assert await pending(search) == 0
