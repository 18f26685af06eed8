"""The projection loop: claim a batch, build its documents from current rows, write them
in one bulk request, acknowledge — all inside the claiming transaction, so a worker that
dies anywhere before the commit leaves its rows to be claimed again."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import structlog
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.engine import SearchClient
from lumen.metrics.projector import observe_batch
from lumen.projections import claims, writes
from lumen.projections.batch import prepare
from lumen.projections.metrics import Batch, record_batch
from lumen.projections.read_model import DocKey
from lumen.projections.writes import EngineUnavailable, Planned, plan
from lumen.resources import Resources
from lumen.tracing import spans

log = structlog.get_logger()

# One drain stays well inside the job timeout; the next wake-up or poll carries on.
DRAIN_BUDGET_S = 60.0
# Batches a drain works on at once: while one batch's bulk request is in flight the next
# is claimed, loaded and built, so Python's work and the engine's overlap.
DRAIN_LANES = 2


@dataclass(frozen=True, slots=True)
class Steps:
    """The loop's two calls to the outside world, which a caller may wrap to watch them."""

    claim: Callable[[AsyncSession, int], Awaitable[list[claims.Claimed]]] = claims.claim
    send: Callable[[SearchClient, Planned], Awaitable[dict[DocKey, str]]] = writes.send


STEPS = Steps()


async def run_batch(
    resources: Resources,
    limit: int | None = None,
    writing: asyncio.Lock | None = None,
    steps: Steps = STEPS,
) -> Batch:
    """Projects one batch; raises EngineUnavailable (rows released untouched) when the
    engine cannot be reached, which is no fault of the events. Batches sharing `writing`
    send their bulk requests one at a time."""
    settings = resources.settings
    started, started_ns = time.perf_counter(), time.time_ns()
    # The batch's span (with tracing on) opens once the claim has found events, so an idle
    # poll makes none, and lasts to the batch's last line.
    with contextlib.ExitStack() as traced:
        async with resources.sessions.begin() as session:
            events = await steps.claim(session, limit or settings.projector_batch_size)
            if not events:
                return Batch(time.time(), 0, 0, 0.0)
            if resources.tracer is not None:
                contexts = [e.trace_context for e in events]
                traced.enter_context(spans.projector_batch(resources.tracer, contexts, started_ns))
            built = await prepare(session, events)
            planned = await plan(resources.search, resources.redis, settings, built.documents)
            async with writing or contextlib.nullcontext():
                refused = await steps.send(resources.search, planned)
            if settings.projector_pause_after_bulk_s:
                await asyncio.sleep(settings.projector_pause_after_bulk_s)
            failed = built.failures(refused)
            done = [e.id for e in events if e.id not in failed and e.id not in built.dead]
            await claims.acknowledge(session, done)
            failing = [e for e in events if e.id in failed]
            await claims.fail(session, failing, failed, settings.projector_max_attempts)
            await claims.bury(session, [e for e in events if e.id in built.dead], built.dead)
        failures = {**failed, **built.dead}
        elapsed_s = time.perf_counter() - started
        dying = sum(1 for e in failing if e.attempts + 1 >= settings.projector_max_attempts)
        observe_batch(
            elapsed_s,
            (e.occurred_at for e in events if e.id not in failures),
            retried=len(failing) - dying,
            dead=dying + len(built.dead),
            documents=len(built.documents),
        )
        batch = Batch(time.time(), len(events), len(failures), elapsed_s * 1000)
        _log_batch(events, failures, batch)
        # Committed: timings lost with Redis are no reason to hold the next batch back.
        with contextlib.suppress(RedisError, OSError):
            await record_batch(resources.redis, settings, batch)
        return batch


def _log_batch(events: list[claims.Claimed], failures: dict[int, str], batch: Batch) -> None:
    # Every request id the batch carries, so one grep follows a write from its access line.
    requests = sorted({e.request_id for e in events if e.request_id})
    log.info(
        "projected",
        events=batch.claimed,
        failed=batch.failed,
        duration_ms=round(batch.duration_ms, 1),
        request_ids=requests,
    )
    by_id = {e.id: e for e in events}
    for event_id, reason in failures.items():
        log.warning(
            "outbox event failed",
            event_id=event_id,
            event_type=by_id[event_id].event_type,
            reason=reason,
            request_id=by_id[event_id].request_id,
        )


class _Drain:
    """One drain's lanes. One lane to begin with; a full batch means a backlog, and opens
    the second lane if it is not running, so a burst arriving mid-drain is worked in
    overlap too."""

    def __init__(self, resources: Resources, budget_s: float, steps: Steps) -> None:
        self.resources, self.steps = resources, steps
        self.deadline = time.monotonic() + budget_s
        self.full = resources.settings.projector_batch_size
        # One bulk request at a time per drain: two in flight made the engine spend a
        # third more CPU per document, on cores it shares with this process.
        self.writing = asyncio.Lock()
        self.lanes = 0
        self.claimed = 0
        self.paused: EngineUnavailable | None = None

    async def run(self) -> int:
        async with asyncio.TaskGroup() as group:
            self._open_lane(group)
        if self.paused is not None:
            raise self.paused
        return self.claimed

    def _open_lane(self, group: asyncio.TaskGroup) -> None:
        self.lanes += 1
        group.create_task(self._lane(group))

    async def _lane(self, group: asyncio.TaskGroup) -> None:
        try:
            while self.paused is None and time.monotonic() < self.deadline:
                batch = await run_batch(self.resources, writing=self.writing, steps=self.steps)
                self.claimed += batch.claimed
                if batch.claimed == 0:
                    return
                if batch.claimed >= self.full and self.lanes < DRAIN_LANES:
                    self._open_lane(group)
        except EngineUnavailable as exc:
            # The other lane stops after its batch; then the drain raises this.
            self.paused = exc
        finally:
            self.lanes -= 1


async def drain(
    resources: Resources, budget_s: float = DRAIN_BUDGET_S, steps: Steps = STEPS
) -> int:
    """Runs batches until none is due or the budget is spent; returns events claimed.
    Raises EngineUnavailable, once its lanes have stopped, when the engine could not be
    reached: the events of the batch it failed are left as they were, for a later drain."""
    return await _Drain(resources, budget_s, steps).run()
