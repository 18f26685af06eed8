"""The worker's heartbeat: a timestamp in Redis that operators and readiness can read."""

from __future__ import annotations

import time
from typing import Any

from redis.asyncio import Redis

from lumen.settings import Settings

HEARTBEAT_TTL_S = 60


def heartbeat_key(settings: Settings) -> str:
    return f"{settings.index_prefix}:worker:heartbeat"


async def beat(ctx: dict[str, Any]) -> None:
    settings: Settings = ctx["settings"]
    redis: Redis = ctx["resources"].redis
    await redis.set(heartbeat_key(settings), f"{time.time():.3f}", ex=HEARTBEAT_TTL_S)


async def last_beat_age(redis: Redis, settings: Settings) -> float | None:
    value = await redis.get(heartbeat_key(settings))
    return None if value is None else max(0.0, time.time() - float(value))
