"""The image pipeline's jobs: process one uploaded original, and re-enqueue lost ones."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import structlog
from arq import Retry
from arq.connections import ArqRedis

from lumen.media.backend import limits_for, storage_for
from lumen.media.photo_pipeline import process_stored_photo, stuck_photos
from lumen.resources import Resources

PROCESS_PHOTO = "process_photo"
MAX_TRIES = 6
# Well past the slowest photo's processing time: older `processing` rows lost their job.
STUCK_AFTER = timedelta(minutes=10)
log = structlog.get_logger()


def retry_delay_s(job_try: int) -> int:
    delay: int = 15 * 2 ** (job_try - 1)
    return min(delay, 15 * 60)


async def enqueue_processing(queue: ArqRedis, photo_id: uuid.UUID, original_key: str) -> None:
    # One job id per original: enqueuing it again while it waits or runs is a no-op.
    await queue.enqueue_job(
        PROCESS_PHOTO, str(photo_id), original_key, _job_id=f"photo:{photo_id}:{original_key}"
    )


async def process_photo(ctx: dict[str, Any], photo_id: str, original_key: str) -> str:
    resources: Resources = ctx["resources"]
    settings = resources.settings
    try:
        outcome = await process_stored_photo(
            resources.sessions,
            storage_for(settings),
            limits_for(settings),
            uuid.UUID(photo_id),
            original_key,
        )
    except Exception as exc:
        # Not the file's fault (that ends in `failed`): the disk, the database, memory.
        job_try = int(ctx.get("job_try", 1))
        log.warning("photo processing will be retried", photo_id=photo_id, error=repr(exc))
        raise Retry(defer=retry_delay_s(job_try)) from exc
    return outcome.value


async def requeue_stuck_photos(ctx: dict[str, Any]) -> int:
    resources: Resources = ctx["resources"]
    stuck = await stuck_photos(resources.sessions, STUCK_AFTER)
    for photo_id, original_key in stuck:
        # The worker's own pool enqueues on the worker's queue.
        await enqueue_processing(ctx["redis"], photo_id, original_key)
    return len(stuck)
