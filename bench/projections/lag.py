"""Write-to-searchable lag: a real worker process (woken by NOTIFY) projects profile edits
committed at a steady rate; a poller searches for each edit's document version."""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from typing import Any

import asyncpg

from lumen.resources import Resources
from lumen.workers.wakeup import asyncpg_dsn

EDIT = """
WITH edited AS (
    UPDATE profiles SET headline = $2, version = version + 1 WHERE id = $1
    RETURNING id, version, user_uid
)
INSERT INTO outbox (aggregate_type, aggregate_id, aggregate_version, event_type, payload, attempts)
SELECT 'profile', id::text, version, 'ProfileUpdated', jsonb_build_object('user_uid', user_uid), 0
FROM edited
RETURNING aggregate_version
"""
POLL_S = 0.02


async def measure_lag(
    res: Resources, env: dict[str, str], seconds: float, rate: float
) -> dict[str, Any]:
    worker = subprocess.Popen(  # noqa: ASYNC220 - our own interpreter, started once
        [sys.executable, "-m", "lumen.cli", "worker"],
        # No metrics port: the default one is the local stack's worker's.
        env={**os.environ, "LUMEN_WORKER_METRICS_PORT": "0", **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    dsn = asyncpg_dsn(res.settings.database_url)
    conn = await asyncpg.connect(dsn)
    profiles = [
        r["id"] for r in await conn.fetch("SELECT id FROM profiles ORDER BY random() LIMIT 2000")
    ]
    waiting: dict[str, tuple[int, float]] = {}
    lags: list[float] = []
    done = asyncio.Event()
    try:
        await asyncio.sleep(5)  # the worker's start-up: imports, indices, LISTEN

        async def write() -> None:
            rng = random.Random(3)
            started = time.perf_counter()
            for n in range(int(seconds * rate)):
                await asyncio.sleep(max(0.0, started + n / rate - time.perf_counter()))
                profile_id = rng.choice(profiles)
                version = await conn.fetchval(EDIT, profile_id, f"edit {uuid.uuid4().hex}")
                # The user's version (1) is part of the document version.
                waiting[str(profile_id)] = (version + 1, time.perf_counter())
            done.set()

        async def poll() -> None:
            index = f"{res.settings.index_prefix}-profiles"
            while not (done.is_set() and not waiting):
                await asyncio.sleep(POLL_S)
                if not waiting:
                    continue
                ids = list(waiting)
                found = await res.search.search(
                    index,
                    {
                        "query": {"ids": {"values": ids}},
                        "_source": ["doc_version"],
                        "size": len(ids),
                    },
                )
                now = time.perf_counter()
                for hit in found["hits"]["hits"]:
                    expected = waiting.get(hit["_id"])
                    if expected and hit["_source"]["doc_version"] >= expected[0]:
                        lags.append(now - expected[1])
                        del waiting[hit["_id"]]

        await asyncio.wait_for(asyncio.gather(write(), poll()), seconds + 60)
    finally:
        await conn.close()
        worker.terminate()
        worker.wait(timeout=30)
    lags.sort()
    return {
        "writes": len(lags),
        "rate_per_s": rate,
        "p50_s": statistics.median(lags),
        "p99_s": lags[min(len(lags) - 1, int(len(lags) * 0.99))],
        "max_s": lags[-1],
        "poll_interval_s": POLL_S,
    }
