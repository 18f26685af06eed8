"""Thirty seconds of the load benchmark's mix (bench/load) against a real server and a real
worker: searches, views, edits, follows, photo creates and uploads from 32 users at once.
Nothing is timed; what must hold under load is that nothing fails on the server's side and
that the worker catches up with everything the load wrote."""

from __future__ import annotations

from bench.load.driver import caught_up, run_load
from bench.load.world import world
from lumen.resources import Resources
from lumen.seed.demo import seed_demo
from tests.live import LiveServer, Process

SECONDS = 30
CONCURRENCY = 32
CATCH_UP_S = 120


async def test_mixed_load_gets_no_server_error_and_the_worker_catches_up(
    live_server: LiveServer, live_worker: Process, db: Resources, paris_city: int
) -> None:
    # A small community, its photos through the real pipeline, all of it searchable first.
    await seed_demo(db, 4)
    await caught_up(db, CATCH_UP_S)
    async with live_server.client() as http:
        community = await world(http, db, members=8)
        tally = await run_load(http, community, SECONDS, CONCURRENCY)
    caught = await caught_up(db, CATCH_UP_S)
    live_worker.check_running()

    assert tally.server_errors() == {}, tally.table()
    assert tally.unexpected() == {}, tally.table()
    # Each user uploaded at least once, and every upload was processed.
    assert tally.statuses["PUT /v1/photos/{id}/original"][202] >= CONCURRENCY, tally.table()
    assert (caught.dead_events, caught.failed_photos) == (0, 0)
