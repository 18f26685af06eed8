"""The image pipeline's jobs: process one uploaded original, and re-enqueue lost ones."""

from __future__ import annotations

import time
import uuid
from contextlib import AbstractContextManager, nullcontext
from datetime import timedelta
from typing import Any

import structlog
from arq import Retry

from lumen.commands.photo_files.processing import give_up, process_original
from lumen.db.photos import stuck_photos
from lumen.media.budget import DecodeBudget
from lumen.metrics.photos import FAILURES, JOBS, RETRIES_EXHAUSTED
from lumen.resources import Resources
from lumen.tracing import spans
from lumen.workers.queue import commands_for, enqueue_processing

MAX_TRIES = 6
# Well past the slowest photo's processing time: older `processing` rows lost their job.
STUCK_AFTER = timedelta(minutes=10)
log = structlog.get_logger()


def retry_delay_s(job_try: int) -> int:
    delay: int = 15 * 2 ** (job_try - 1)
    return min(delay, 15 * 60)


async def process_photo(
    ctx: dict[str, Any],
    photo_id: str,
    original_key: str,
    request_id: str | None = None,
    trace_context: str | None = None,
) -> str:
    """`request_id`, of the upload that enqueued it: bound to the job's lines and written
    into the events it causes, as the request's own would be. `trace_context`, the upload's
    span: with tracing on, the job's span is its child, and the events the job records
    carry the job's span."""
    started, outcome = time.perf_counter(), "retried"
    with (
        structlog.contextvars.bound_contextvars(request_id=request_id),
        _span(ctx["resources"], photo_id, trace_context),
    ):
        try:
            outcome = await _process(ctx, photo_id, original_key)
        finally:
            JOBS.labels(outcome).observe(time.perf_counter() - started)
    return outcome


def _span(
    resources: Resources, photo_id: str, trace_context: str | None
) -> AbstractContextManager[object]:
    if resources.tracer is None:
        return nullcontext()
    return spans.photo_job(resources.tracer, photo_id, trace_context)


async def _process(ctx: dict[str, Any], photo_id: str, original_key: str) -> str:
    commands = commands_for(ctx["resources"])
    budget: DecodeBudget = ctx["decode_budget"]
    photo = uuid.UUID(photo_id)
    try:
        outcome = await process_original(commands, photo, original_key, budget)
    except Exception as exc:
        # Not the file's fault (that ends in `failed`): the disk, the database.
        job_try = int(ctx.get("job_try", 1))
        if job_try >= MAX_TRIES:
            # arq drops a job past its last try without a word: the owner would see
            # `processing` for good. Raises if the database is still away; the stuck-photo
            # sweep then starts the tries again.
            log.error("photo processing gave up", photo_id=photo_id, error=repr(exc))
            outcome = await give_up(commands, photo, original_key)
            FAILURES.labels(RETRIES_EXHAUSTED).inc()
            return outcome.value
        log.warning("photo processing will be retried", photo_id=photo_id, error=repr(exc))
        raise Retry(defer=retry_delay_s(job_try)) from exc
    return outcome.value


async def requeue_photos(ctx: dict[str, Any], older_than: timedelta) -> int:
    """Enqueues the job of every photo processing for longer than `older_than`; the job of
    one that waits or runs already is not enqueued twice (one job id per original)."""
    resources: Resources = ctx["resources"]
    async with resources.sessions() as session:
        stuck = await stuck_photos(session, older_than)
    for photo_id, original_key in stuck:
        # The worker's own pool enqueues on the worker's queue.
        await enqueue_processing(ctx["redis"], photo_id, original_key)
    return len(stuck)


async def requeue_stuck_photos(ctx: dict[str, Any]) -> int:
    return await requeue_photos(ctx, STUCK_AFTER)
