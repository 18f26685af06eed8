"""Postgres restarts under a running worker: members who joined before and after all end
projected, their uploads ready, and the worker LISTENs again."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lumen.db.migrations import upgrade
from lumen.resources import Resources
from lumen.settings import Settings
from tests.outages.community import running
from tests.outages.services import PrivatePostgres

OUTAGE_S = 3.0


async def test_the_worker_catches_up_after_postgres_restarts(
    settings: Settings, db: Resources, private_postgres: PrivatePostgres, tmp_path: Path
) -> None:
    await asyncio.to_thread(upgrade, private_postgres.url)
    log = tmp_path / "worker.log"
    async with running(settings, log, LUMEN_DATABASE_URL=private_postgres.url) as lumen:
        await lumen.join(2)
        await asyncio.to_thread(private_postgres.stop)
        await asyncio.sleep(OUTAGE_S)
        await asyncio.to_thread(private_postgres.start)
        await lumen.join(2)
        await lumen.caught_up()
        assert await lumen.listeners() == 1
    assert lumen.logged("projections paused") == 1
