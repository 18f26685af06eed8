"""Redis restarts under a running worker, its queue lost with it (Redis keeps no data):
members who joined before, during and after the outage all end projected, their uploads
ready, and the worker is back on the queue with one projection loop."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lumen.resources import Resources
from lumen.settings import Settings
from lumen.workers.queue import queue_name
from tests.outages.community import running
from tests.outages.services import PrivateRedis

OUTAGE_S = 3.0


async def test_the_worker_catches_up_after_redis_restarts(
    settings: Settings, db: Resources, private_redis: PrivateRedis, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    async with running(settings, log, LUMEN_REDIS_URL=private_redis.url) as lumen:
        await lumen.join(2)
        private_redis.stop()
        # Committed, but their jobs could not be queued.
        await lumen.join(1)
        await asyncio.sleep(OUTAGE_S)
        private_redis.start()
        await lumen.join(2)
        await lumen.caught_up()
        heartbeat = f"{queue_name(lumen.settings)}:health-check"
        assert await lumen.resources.redis.exists(heartbeat)
        # The worker that stopped with Redis left no projection loop behind.
        assert await lumen.listeners() == 1
    # The stop signal, and only that, ended it: cleanly.
    assert lumen.worker.returncode == 0
