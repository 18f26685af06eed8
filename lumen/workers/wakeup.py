"""The projection loop of a worker process: a dedicated Postgres connection LISTENs on the
outbox channel, and each notification (or, failing any, a poll) starts a drain.

The loop runs beside arq's job slots, not in one: a backlog of photo jobs filling every
slot never holds projections back, so search stays within its lag while uploads queue.
Several workers may drain at once; claims (`FOR UPDATE SKIP LOCKED`) keep them apart."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import structlog
from sqlalchemy.engine import make_url

from lumen.db.outbox import OUTBOX_CHANNEL
from lumen.projections.projector import drain
from lumen.resources import Resources

log = structlog.get_logger()

# The fallback for a notification missed while the listener was reconnecting.
POLL_INTERVAL_S = 5.0
# After a failed drain (the engine or the database away): wait this long, doubling up to
# the last, not for the next notification, which a stream of writes would send at once.
FIRST_RETRY_S = 1.0
LAST_RETRY_S = 10.0


def asyncpg_dsn(database_url: str) -> str:
    url = make_url(database_url)
    # SQLAlchemy's asyncpg dialect takes `ssl=`; a plain asyncpg DSN spells it `sslmode=`.
    query = {("sslmode" if k == "ssl" else k): v for k, v in url.query.items()}
    return url.set(drivername="postgresql", query=query).render_as_string(hide_password=False)


class _Outage:
    """An outage as the loop tells it: one line as it begins, one as it ends, and the
    wait before each retry in between."""

    def __init__(self) -> None:
        self._since: float | None = None
        self._wait_s = FIRST_RETRY_S

    def failed(self, exc: Exception) -> float:
        """The wait before the next try."""
        if self._since is None:
            self._since = time.monotonic()
            log.warning("projections paused; retrying", error=repr(exc))
            return self._wait_s
        self._wait_s = min(self._wait_s * 2, LAST_RETRY_S)
        return self._wait_s

    def over(self) -> None:
        if self._since is not None:
            log.info("projections resumed", after_s=round(time.monotonic() - self._since, 1))
            self._since, self._wait_s = None, FIRST_RETRY_S


class ProjectionLoop:
    def __init__(self, resources: Resources) -> None:
        self._resources = resources
        self._wake = asyncio.Event()
        self._connection: asyncpg.Connection | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def listening(self) -> bool:
        return self._connection is not None and not self._connection.is_closed()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._stop_listening()

    async def _run(self) -> None:
        outage = _Outage()
        while True:
            # Cleared before the drain: a commit during it wakes the next one at once.
            self._wake.clear()
            try:
                await self._ensure_listening()
                while await drain(self._resources):
                    pass
            except Exception as exc:  # an outage: the rows stay claimed by nobody, retry
                await asyncio.sleep(outage.failed(exc))
                continue
            outage.over()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), POLL_INTERVAL_S)

    async def _ensure_listening(self) -> None:
        if self.listening:
            return
        await self._stop_listening()
        dsn = asyncpg_dsn(self._resources.settings.database_url)
        self._connection = await asyncpg.connect(dsn)
        await self._connection.add_listener(OUTBOX_CHANNEL, self._notified)
        # A lost listener (the server restarting) wakes the loop, which listens again or
        # pauses now rather than at the next poll.
        self._connection.add_termination_listener(self._notified)

    def _notified(self, *_: Any) -> None:
        self._wake.set()

    async def _stop_listening(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                await self._connection.close()
            self._connection = None
