"""The projection loop: claim a batch, build its documents from current rows, write them
in one bulk request, acknowledge — all inside the claiming transaction, so a worker that
dies anywhere before the commit leaves its rows to be claimed again."""

from __future__ import annotations

import asyncio
import logging
import time

from lumen.projections import claims
from lumen.projections.batch import prepare
from lumen.projections.metrics import Batch, record_batch
from lumen.projections.writes import EngineUnavailable, write
from lumen.resources import Resources

log = logging.getLogger(__name__)

# One drain stays well inside the job timeout; the next wake-up or poll carries on.
DRAIN_BUDGET_S = 60.0


async def run_batch(resources: Resources, limit: int | None = None) -> Batch:
    """Projects one batch; raises EngineUnavailable (rows released untouched) when the
    engine cannot be reached, which is no fault of the events."""
    settings = resources.settings
    started = time.perf_counter()
    async with resources.sessions.begin() as session:
        events = await claims.claim(session, limit or settings.projector_batch_size)
        if not events:
            return Batch(time.time(), 0, 0, 0.0)
        built = await prepare(session, events)
        refused = await write(resources.search, settings, built.documents)
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
    """Runs batches until none is due or the budget is spent; returns events claimed."""
    deadline, total = time.monotonic() + budget_s, 0
    while time.monotonic() < deadline:
        try:
            batch = await run_batch(resources)
        except EngineUnavailable as exc:
            log.warning("projector paused: %s", exc)
            break
        total += batch.claimed
        if batch.claimed == 0:
            break
    return total
