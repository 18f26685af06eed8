"""The projection loop: claim a batch, build its documents from current rows, write them
in one bulk request, acknowledge — all inside the claiming transaction, so a worker that
dies anywhere before the commit leaves its rows to be claimed again."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from lumen.projections import claims
from lumen.projections.batch import prepare
from lumen.projections.metrics import Batch, record_batch
from lumen.projections.writes import EngineUnavailable, plan, send
from lumen.resources import Resources

log = logging.getLogger(__name__)

# One drain stays well inside the job timeout; the next wake-up or poll carries on.
DRAIN_BUDGET_S = 60.0
# Batches a drain works on at once: while one batch's bulk request is in flight the next
# is claimed, loaded and built, so Python's work and the engine's overlap.
DRAIN_LANES = 2


async def run_batch(
    resources: Resources,
    limit: int | None = None,
    writing: asyncio.Lock | None = None,
) -> Batch:
    """Projects one batch; raises EngineUnavailable (rows released untouched) when the
    engine cannot be reached, which is no fault of the events. Batches sharing `writing`
    send their bulk requests one at a time."""
    settings = resources.settings
    started = time.perf_counter()
    async with resources.sessions.begin() as session:
        events = await claims.claim(session, limit or settings.projector_batch_size)
        if not events:
            return Batch(time.time(), 0, 0, 0.0)
        built = await prepare(session, events)
        planned = await plan(resources.search, settings, built.documents)
        async with writing or contextlib.nullcontext():
            refused = await send(resources.search, planned)
        if settings.projector_pause_after_bulk_s:
            await asyncio.sleep(settings.projector_pause_after_bulk_s)
        failed = built.failures(refused)
        await claims.acknowledge(session, [e.id for e in events if e.id not in failed])
        failing = [e for e in events if e.id in failed]
        await claims.fail(session, failing, failed, settings.projector_max_attempts)
    batch = Batch(time.time(), len(events), len(failing), (time.perf_counter() - started) * 1000)
    for event in failing:
        log.warning("outbox event %s failed: %s", event.id, failed[event.id])
    await record_batch(resources.redis, settings, batch)
    return batch


async def drain(resources: Resources, budget_s: float = DRAIN_BUDGET_S) -> int:
    """Runs batches until none is due or the budget is spent; returns events claimed.

    One lane to begin with; a full batch means a backlog, and starts the second lane if it
    is not running, so a burst arriving mid-drain is worked in overlap too."""
    deadline = time.monotonic() + budget_s
    limit = resources.settings.projector_batch_size
    # One bulk request at a time per drain: two in flight made the engine spend a third
    # more CPU per document, on cores it shares with this process.
    writing = asyncio.Lock()
    lanes, total = 0, 0

    def spawn(group: asyncio.TaskGroup) -> None:
        nonlocal lanes
        lanes += 1
        group.create_task(lane(group))

    async def lane(group: asyncio.TaskGroup) -> None:
        nonlocal lanes, total
        try:
            while time.monotonic() < deadline:
                batch = await run_batch(resources, writing=writing)
                total += batch.claimed
                if batch.claimed == 0:
                    return
                if batch.claimed >= limit and lanes < DRAIN_LANES:
                    spawn(group)
        except EngineUnavailable as exc:
            log.warning("projector paused: %s", exc)
        finally:
            lanes -= 1

    async with asyncio.TaskGroup() as group:
        spawn(group)
    return total
