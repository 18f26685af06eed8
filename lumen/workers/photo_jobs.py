"""The image pipeline's jobs: process one uploaded original, and re-enqueue lost ones."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import structlog
from arq import Retry

from lumen.commands.photo_files.processing import give_up, process_original
from lumen.db.photos import stuck_photos
from lumen.media.budget import DecodeBudget
from lumen.resources import Resources
from lumen.workers.queue import commands_for, enqueue_processing

MAX_TRIES = 6
# Well past the slowest photo's processing time: older `processing` rows lost their job.
STUCK_AFTER = timedelta(minutes=10)
log = structlog.get_logger()


def retry_delay_s(job_try: int) -> int:
    delay: int = 15 * 2 ** (job_try - 1)
    return min(delay, 15 * 60)


async def process_photo(ctx: dict[str, Any], photo_id: str, original_key: str) -> str:
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
            return (await give_up(commands, photo, original_key)).value
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
