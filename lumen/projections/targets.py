"""The indices the projector writes to, looked up once and kept until the layout changes.

Listing them is an aliases call to the engine; a batch needs the answer every time. A
change of the write aliases (a rebuild's new index joining, a swap) bumps a generation
number in Redis, which costs each batch one GET. Correctness rests on the order a rebuild
keeps: the new index joins the write alias and the generation moves before its backfill
reads any row, so a batch that still holds the old layout only carries events whose rows
the backfill reads afterwards."""

from __future__ import annotations

import time
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError

from lumen.engine import SearchClient
from lumen.projections.indices import Layout, layout
from lumen.settings import Settings

# However quiet Redis is, the layout is read again this often.
MAX_AGE_S = 60.0


@dataclass(slots=True)
class _Known:
    generation: bytes | None
    layout: Layout
    at: float


# Per process, by engine address and prefix: what a worker (or a test) last saw.
_known: dict[tuple[str, str], _Known] = {}


def _key(settings: Settings) -> str:
    return f"{settings.index_prefix}:projector:layout-generation"


async def announce(redis: Redis, settings: Settings) -> None:
    """Tells every projector that the write aliases changed; after the change, before any
    work that relies on the projectors knowing it."""
    await redis.incr(_key(settings))


async def _generation(redis: Redis, settings: Settings) -> bytes | None:
    try:
        value: bytes | None = await redis.get(_key(settings))
    except (RedisError, OSError):
        return b"unknown"
    return value


async def current(client: SearchClient, redis: Redis, settings: Settings) -> Layout:
    """The layout as of the last announced change (at most MAX_AGE_S old)."""
    slot = (settings.search_url, settings.index_prefix)
    generation = await _generation(redis, settings)
    known = _known.get(slot)
    fresh = (
        known is not None
        and generation != b"unknown"
        and known.generation == generation
        and time.monotonic() - known.at < MAX_AGE_S
    )
    if fresh and known is not None:
        return known.layout
    found = await layout(client, settings)
    _known[slot] = _Known(generation, found, time.monotonic())
    return found


def forget(settings: Settings) -> None:
    """Drops what is known of one layout: the next lookup asks the engine."""
    _known.pop((settings.search_url, settings.index_prefix), None)


def forget_all() -> None:
    """After a write found a layout wrong (an index gone) or could not tell."""
    _known.clear()
