"""Failure tests for crashes and outages: a worker killed between its bulk request and
its acknowledgement, and a search engine that cannot be reached for a while."""

from __future__ import annotations

import dataclasses
import signal
import socket

import pytest
from sqlalchemy import text

from lumen.engine import connect
from lumen.projections.projector import drain
from lumen.projections.writes import EngineUnavailable
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
from tests.projections.workers import start_worker, stop_worker
from tests.projections.world import add_photo, add_profile, add_user, update_profile


async def test_a_worker_killed_after_its_bulk_request_loses_nothing(search: Resources) -> None:
    profiles = [await add_profile(search, await add_user(search)) for _ in range(3)]
    for profile_id in profiles:
        await add_photo(search, profile_id)
    # The pause holds the claimed rows after the bulk request, so the kill lands exactly
    # between "documents written" and "events acknowledged".
    doomed = start_worker(search.settings, LUMEN_PROJECTOR_PAUSE_AFTER_BULK_S="60")
    try:

        async def written_not_acknowledged() -> bool:
            await refresh(search)
            return await fetch(search, "profiles", profiles[0]) is not None and (
                await pending(search) > 0
            )

        await eventually(written_not_acknowledged, within_s=60)
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=10)
    finally:
        stop_worker(doomed)
    assert await pending(search) > 0
    await update_profile(search, profiles[1], headline="after the crash")
    restarted = start_worker(search.settings)
    try:
        await eventually(lambda: _drained(search), within_s=60)
    finally:
        stop_worker(restarted)
    await refresh(search)
    await assert_converged(search)


async def _drained(res: Resources) -> bool:
    return await pending(res) == 0


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_events_wait_for_an_unreachable_engine_and_drain_after(search: Resources) -> None:
    """The shared search node must stay up for everyone else's tests, so the outage is
    this projector's alone: it is pointed at a port nothing listens on (connections are
    refused, as from a stopped node) while events accumulate, then back at the node."""
    offline_settings = make_settings(
        LUMEN_INDEX_PREFIX=search.settings.index_prefix,
        LUMEN_SEARCH_URL=f"http://127.0.0.1:{_closed_port()}",
    )
    offline = dataclasses.replace(search, search=connect(offline_settings, timeout=2))
    try:
        owner = await add_profile(search, await add_user(search))
        for _ in range(3):
            await add_photo(search, owner)
            with pytest.raises(EngineUnavailable):
                await drain(offline)
        await update_profile(search, owner, headline="written during the outage")
        with pytest.raises(EngineUnavailable):
            await drain(offline)
    finally:
        await offline.search.close()
    async with search.db.connect() as conn:
        attempts = await conn.scalar(text("SELECT max(attempts) FROM outbox"))
        dead = await conn.scalar(text("SELECT count(*) FROM outbox WHERE dead_at IS NOT NULL"))
    # An outage is nobody's fault: no attempt is charged, nothing goes dead.
    assert (attempts, dead) == (0, 0)
    assert await pending(search) == 6
    await project_all(search)
    assert await pending(search) == 0
    doc = await fetch(search, "profiles", owner)
    assert doc is not None
    assert doc["headline"] == "written during the outage"
    await assert_converged(search)
