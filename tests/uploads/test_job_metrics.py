"""Photo jobs on /metrics: by outcome with their durations, failures by reason; and a real
worker serving its own series on its metrics port."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from lumen.settings import Settings
from tests.live import LiveServer, create_profile, free_port, working
from tests.media.samples import encode_photo
from tests.members import Register
from tests.scraped import Scrape, scrape
from tests.uploads.flow import Owner, original_key, run_job

NewOwner = Callable[[], Awaitable[Owner]]
JOBS = "lumen_photo_job_duration_seconds_count"
EVENTS = "lumen_projector_events_total"
PROCESSING_S = 90


async def test_jobs_are_counted_by_outcome_and_failures_by_reason(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner, operator: dict[str, str]
) -> None:
    me = await owner()
    broken, fine = await me.new_photo(), await me.new_photo()
    whole = encode_photo("JPEG")
    await me.uploaded(broken, whole[: len(whole) // 3])
    await me.uploaded(fine, whole)
    before = await scrape(client, headers=operator)

    assert await run_job(db, broken, await original_key(db, broken)) == "failed"
    assert await run_job(db, fine, await original_key(db, fine)) == "processed"
    assert await run_job(db, fine, await original_key(db, fine)) == "skipped"
    after = await scrape(client, headers=operator)

    def grew(name: str, **labels: str) -> float:
        return after.value(name, **labels) - before.value(name, **labels)

    assert grew(JOBS, outcome="processed") == 1
    assert grew(JOBS, outcome="failed") == 1
    assert grew(JOBS, outcome="skipped") == 1
    assert grew("lumen_photo_failures_total", reason="corrupt_image") == 1
    # The damaged file's header read well: its decode is where it failed.
    assert grew("lumen_photo_processing_seconds_count") == 2
    assert grew("lumen_photo_decode_wait_seconds_count") >= 1


async def _worker_scrape(port: int) -> Scrape:
    async with httpx.AsyncClient(timeout=10) as http:
        return await scrape(http, f"http://127.0.0.1:{port}/metrics")


async def test_a_worker_serves_its_jobs_and_projections_on_its_metrics_port(
    live_server: LiveServer, settings: Settings, db: Resources, register: Register, tmp_path: Path
) -> None:
    port = free_port()
    _, headers = await register()
    async with (
        working(settings, db, tmp_path / "worker.log", LUMEN_WORKER_METRICS_PORT=str(port)),
        live_server.client() as http,
    ):
        await create_profile(http, headers)
        photo_id = (await http.post("/v1/photos", json={"title": "t"}, headers=headers)).json()[
            "id"
        ]
        upload = {**headers, "content-type": "application/octet-stream"}
        sent = await http.put(
            f"/v1/photos/{photo_id}/original", content=encode_photo("JPEG"), headers=upload
        )
        assert sent.status_code == 202, sent.text
        # The job and the projection of its four events (profile, photo, upload,
        # processed) each finish when they do: the scrape is read until both show.
        found = await _worker_scrape(port)
        deadline = time.monotonic() + PROCESSING_S
        while (
            found.value(JOBS, outcome="processed") < 1
            or found.value(EVENTS, outcome="projected") < 4
        ):
            assert time.monotonic() < deadline, found.text
            await asyncio.sleep(0.2)
            found = await _worker_scrape(port)

    assert found.value(JOBS, outcome="processed") == 1
    assert found.value(EVENTS, outcome="projected") == 4
    assert found.value("lumen_engine_request_duration_seconds_count", operation="bulk") >= 1
    assert found.value("lumen_db_pool_size") == 20
