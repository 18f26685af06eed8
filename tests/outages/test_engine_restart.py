"""The search engine restarts under a running worker: members who joined before, during
and after the outage all end projected and their uploads ready, and the outage is told
in one line."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lumen.resources import Resources
from lumen.settings import Settings
from tests.outages.community import running
from tests.outages.services import PrivateEngine

OUTAGE_S = 3.0


async def test_the_worker_catches_up_after_the_search_engine_restarts(
    settings: Settings, db: Resources, private_engine: PrivateEngine, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    async with running(settings, log, LUMEN_SEARCH_URL=private_engine.url) as lumen:
        await lumen.join(2)
        await asyncio.to_thread(private_engine.stop)
        # Committed and processed, but projected only once the engine is back.
        await lumen.join(1)
        await asyncio.sleep(OUTAGE_S)
        await asyncio.to_thread(private_engine.start)
        await lumen.join(2)
        await lumen.caught_up()
    assert lumen.logged("projections paused") == 1
