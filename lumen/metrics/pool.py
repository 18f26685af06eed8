"""The process's database pool: connections checked out and those opened past the pool's
size, updated as connections are checked out and in (no work at scrape time, and right in
prometheus-client's multi-process mode, where each server process adds its own)."""

from __future__ import annotations

from typing import Any

from prometheus_client import Gauge
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import QueuePool

IN_USE = Gauge(
    "lumen_db_pool_connections_in_use",
    "Database connections checked out of the pool",
    multiprocess_mode="livesum",
)
OVERFLOW = Gauge(
    "lumen_db_pool_overflow",
    "Checkouts beyond the pool's size: connections opened and closed per checkout",
    multiprocess_mode="livesum",
)
SIZE = Gauge(
    "lumen_db_pool_size",
    "Connections the pool keeps open; past it, and its overflow, checkouts wait",
    multiprocess_mode="livesum",
)


def watch_pool(engine: AsyncEngine) -> None:
    pool = engine.sync_engine.pool
    if not isinstance(pool, QueuePool):
        return  # a pool without a size (NullPool, a static one) has nothing to report
    size = pool.size()
    # Counted here: the pool's own figures lag its checkin event by one connection.
    held = 0

    def checked_out(*_: Any) -> None:
        nonlocal held
        held += 1
        IN_USE.inc()
        OVERFLOW.set(max(0, held - size))

    def checked_in(*_: Any) -> None:
        nonlocal held
        held -= 1
        IN_USE.dec()
        OVERFLOW.set(max(0, held - size))

    SIZE.set(size)
    event.listen(engine.sync_engine, "checkout", checked_out)
    event.listen(engine.sync_engine, "checkin", checked_in)
