"""Wakes the projector as soon as an outbox row commits: a dedicated Postgres connection
LISTENs on the outbox channel and enqueues the projection job, deduplicated by its id so
a burst of commits queues one job, not thousands."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from arq.connections import ArqRedis
from arq.constants import in_progress_key_prefix
from sqlalchemy.engine import make_url

from lumen.db.outbox import OUTBOX_CHANNEL
from lumen.settings import Settings

log = logging.getLogger(__name__)

PROJECT_JOB = "project_outbox"
# A running job may already have looked at the outbox for the last time; retry the
# enqueue until a fresh job is queued, for at most this long (polling covers the rest).
_RETRY_FOR_S = 5.0
_RETRY_EVERY_S = 0.02


def asyncpg_dsn(database_url: str) -> str:
    url = make_url(database_url)
    # SQLAlchemy's asyncpg dialect takes `ssl=`; a plain asyncpg DSN spells it `sslmode=`.
    query = {("sslmode" if k == "ssl" else k): v for k, v in url.query.items()}
    return url.set(drivername="postgresql", query=query).render_as_string(hide_password=False)


def project_job_id(settings: Settings) -> str:
    return f"{settings.index_prefix}:project-outbox"


async def enqueue_projection(redis: ArqRedis, settings: Settings, queue: str) -> None:
    job_id = project_job_id(settings)
    for _ in range(int(_RETRY_FOR_S / _RETRY_EVERY_S)):
        if await redis.enqueue_job(PROJECT_JOB, _job_id=job_id, _queue_name=queue) is not None:
            return
        if not await redis.exists(in_progress_key_prefix + job_id):
            return  # queued and not started: it will see the new rows
        await asyncio.sleep(_RETRY_EVERY_S)


class OutboxListener:
    def __init__(self, settings: Settings, redis: ArqRedis, queue: str) -> None:
        self._settings, self._redis, self._queue = settings, redis, queue
        self._wake = asyncio.Event()
        self._connection: asyncpg.Connection | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def listening(self) -> bool:
        return self._connection is not None and not self._connection.is_closed()

    async def start(self) -> None:
        self._connection = await asyncpg.connect(asyncpg_dsn(self._settings.database_url))
        await self._connection.add_listener(OUTBOX_CHANNEL, self._notified)
        if self._task is None:
            self._task = asyncio.create_task(self._run())

    async def ensure_listening(self) -> None:
        if not self.listening:
            with contextlib.suppress(Exception):
                await self.stop_listening()
            await self.start()

    def _notified(self, *_: Any) -> None:
        self._wake.set()

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            try:
                await enqueue_projection(self._redis, self._settings, self._queue)
            except Exception:  # Redis hiccup: the next notification or poll retries
                log.exception("could not enqueue the projector")

    async def stop_listening(self) -> None:
        if self._connection is not None:
            await self._connection.close()
            self._connection = None

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.stop_listening()
