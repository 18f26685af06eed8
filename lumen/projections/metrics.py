"""The projector's vital signs for operators and the metrics endpoint: backlog and lag
from the outbox (cheap through its partial indexes), recent batch timings from Redis."""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from lumen.settings import Settings

RECENT_BATCHES = 100


class Batch(msgspec.Struct, frozen=True):
    at: float
    claimed: int
    failed: int
    duration_ms: float


class Backlog(msgspec.Struct, frozen=True):
    pending: int
    dead: int
    oldest_pending_age_s: float | None


class BatchTimings(msgspec.Struct, frozen=True):
    count: int
    p50_ms: float | None
    max_ms: float | None
    last_at: float | None


def _key(settings: Settings) -> str:
    return f"{settings.index_prefix}:projector:batches"


async def record_batch(redis: Redis, settings: Settings, batch: Batch) -> None:
    async with redis.pipeline(transaction=False) as pipe:
        pipe.lpush(_key(settings), msgspec.json.encode(batch))
        pipe.ltrim(_key(settings), 0, RECENT_BATCHES - 1)
        await pipe.execute()


async def recent_batches(redis: Redis, settings: Settings) -> list[Batch]:
    raw = await redis.lrange(_key(settings), 0, RECENT_BATCHES - 1)  # type: ignore[misc]
    return [msgspec.json.decode(item, type=Batch) for item in raw]


def timings(batches: list[Batch]) -> BatchTimings:
    if not batches:
        return BatchTimings(0, None, None, None)
    durations = sorted(b.duration_ms for b in batches)
    return BatchTimings(
        len(batches), durations[len(durations) // 2], durations[-1], max(b.at for b in batches)
    )


async def backlog(db: AsyncEngine) -> Backlog:
    async with db.connect() as conn:
        pending, oldest = (
            await conn.execute(
                text(
                    "SELECT count(*), min(occurred_at) FROM outbox"
                    " WHERE processed_at IS NULL AND dead_at IS NULL"
                )
            )
        ).one()
        dead = await conn.scalar(text("SELECT count(*) FROM outbox WHERE dead_at IS NOT NULL"))
    age = None if oldest is None else max(0.0, (datetime.now(UTC) - oldest).total_seconds())
    return Backlog(int(pending), int(dead or 0), age)
