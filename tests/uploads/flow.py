"""The upload flow as a client drives it: create a photo, send its bytes, run the job,
read the photo and its files back over HTTP."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from typing import Any

import exifread
from arq.worker import Worker
from litestar import Litestar
from litestar.testing import AsyncTestClient
from opentelemetry.trace import Tracer
from sqlalchemy import select

from lumen.db.outbox import OutboxEvent
from lumen.db.photos import Photo
from lumen.resources import Resources
from lumen.settings import Settings
from lumen.workers.photo_jobs import process_photo
from lumen.workers.queue import queue_name
from lumen.workers.settings import (
    WorkerSettings,
    decode_budget,
    redis_settings,
    shutdown,
    startup,
)


@dataclass
class Owner:
    client: AsyncTestClient[Litestar]
    headers: dict[str, str]

    async def new_photo(self, **metadata: Any) -> str:
        response = await self.client.post(
            "/v1/photos", json={"title": "t", **metadata}, headers=self.headers
        )
        assert response.status_code == 201, response.text
        photo_id: str = response.json()["id"]
        return photo_id

    async def upload(self, photo_id: str, data: bytes) -> Any:
        return await self.client.put(
            f"/v1/photos/{photo_id}/original",
            content=data,
            headers={**self.headers, "content-type": "application/octet-stream"},
        )

    async def photo(self, photo_id: str) -> dict[str, Any]:
        response = await self.client.get(f"/v1/me/photos/{photo_id}", headers=self.headers)
        assert response.status_code == 200, response.text
        found: dict[str, Any] = response.json()
        return found

    async def uploaded(self, photo_id: str, data: bytes) -> dict[str, Any]:
        response = await self.upload(photo_id, data)
        assert response.status_code == 202, response.text
        photo: dict[str, Any] = response.json()
        return photo


def key_of(variant: dict[str, Any]) -> str:
    """The storage key a variant's signed URL names."""
    key: str = variant["url"].split("?", 1)[0].rsplit("/", 1)[1]
    return key


async def original_key(resources: Resources, photo_id: str) -> str:
    async with resources.sessions() as session:
        key = await session.scalar(
            select(Photo.original_key).where(Photo.id == uuid.UUID(photo_id))
        )
    assert key is not None
    return key


def job_context(resources: Resources, job_try: int = 1) -> dict[str, Any]:
    """What a worker hands `process_photo`: its connections, its budget, the try."""
    budget = decode_budget(resources.settings)
    return {"resources": resources, "job_try": job_try, "decode_budget": budget}


async def run_job(resources: Resources, photo_id: str, original_key: str) -> str:
    return await process_photo(job_context(resources), photo_id, original_key)


async def events_of(resources: Resources, photo_id: str) -> list[tuple[int, str]]:
    async with resources.sessions() as session:
        rows = await session.execute(
            select(OutboxEvent.aggregate_version, OutboxEvent.event_type)
            .where(OutboxEvent.aggregate_id == photo_id)
            .order_by(OutboxEvent.id)
        )
        return [(version, event) for version, event in rows]


def exif_tags(data: bytes) -> dict[str, object]:
    return dict(exifread.process_file(io.BytesIO(data), details=False))


async def run_worker(settings: Settings, tracer: Tracer | None = None) -> None:
    """A real worker over the test queue, until the queue is empty; with `tracer`, tracing."""
    worker = Worker(
        functions=WorkerSettings.functions,
        on_startup=startup,
        on_shutdown=shutdown,
        ctx={"settings": settings, "tracer": tracer},
        redis_settings=redis_settings(settings),
        queue_name=queue_name(settings),
        keep_result=WorkerSettings.keep_result,
        burst=True,
        poll_delay=0.05,
        handle_signals=False,
    )
    try:
        await worker.main()
    finally:
        await worker.close()
