"""The load: virtual users, each doing every operation of the mix once and then drawing
the next thing to do from it as soon as the last is answered, until the time is up; then
the wait until the worker has caught up (outbox backlog empty, job queue empty, no photo
still processing)."""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass

import httpx
from sqlalchemy import func, select

from bench.load.mix import MIX, User
from bench.load.tally import Tally
from bench.load.world import World
from lumen.db.photos import Photo
from lumen.projections.metrics import backlog
from lumen.resources import Resources
from lumen.workers.queue import queue_name

POLL_S = 0.2


async def run_load(
    http: httpx.AsyncClient, world: World, seconds: float, concurrency: int, seed: int = 1
) -> Tally:
    tally = Tally()
    operations, weights = list(MIX), list(MIX.values())
    deadline = time.monotonic() + seconds

    async def one(k: int) -> None:
        rng = random.Random(f"{seed}:{k}")
        member = world.members[k % len(world.members)]
        user = User(http, world, member, rng, tally, signed_in=k % 2 == 0)
        # Every operation once first, however slow the machine: each user uploads at least
        # one picture, follows someone, and so on.
        tour = rng.sample(operations, len(operations))
        while tour or time.monotonic() < deadline:
            await (tour.pop() if tour else rng.choices(operations, weights)[0])(user)

    started = time.monotonic()
    await asyncio.gather(*(one(k) for k in range(concurrency)))
    tally.seconds = time.monotonic() - started
    return tally


@dataclass(frozen=True)
class Caught:
    seconds: float
    dead_events: int
    failed_photos: int


async def _waiting(resources: Resources) -> tuple[int, int, int]:
    pending = (await backlog(resources.db)).pending
    queued = await resources.redis.zcard(queue_name(resources.settings))
    async with resources.sessions() as session:
        processing = await session.scalar(
            select(func.count()).select_from(Photo).where(Photo.status == "processing")
        )
    return pending, queued, int(processing or 0)


async def caught_up(resources: Resources, within_s: float) -> Caught:
    """How long until nothing is left for the worker to do; TimeoutError past `within_s`."""
    started = time.monotonic()
    while any(left := await _waiting(resources)):
        if time.monotonic() - started > within_s:
            pending, queued, processing = left
            raise TimeoutError(
                f"after {within_s:.0f} s: {pending} events pending, {queued} jobs queued,"
                f" {processing} photos processing"
            )
        await asyncio.sleep(POLL_S)
    took = time.monotonic() - started
    dead = (await backlog(resources.db)).dead
    async with resources.sessions() as session:
        failed = await session.scalar(
            select(func.count()).select_from(Photo).where(Photo.status == "failed")
        )
    return Caught(took, dead, int(failed or 0))
