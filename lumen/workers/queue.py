"""The job queue as the API process sees it, and the commands' jobs port on top of it."""

from __future__ import annotations

import uuid

import structlog
from arq.connections import ArqRedis
from redis.exceptions import RedisError

from lumen.commands.boundary import Commands
from lumen.commands.jobs import EraseFiles, Job, ProcessPhoto
from lumen.correlation import current_request_id, current_trace_context
from lumen.resources import Resources
from lumen.settings import Settings

PROCESS_PHOTO = "process_photo"
ERASE_FILES = "erase_files"
log = structlog.get_logger()


def queue_name(settings: Settings) -> str:
    # One queue per index prefix keeps a test run's jobs away from a running Lumen's.
    return f"{settings.index_prefix}:jobs"


def job_queue(resources: Resources) -> ArqRedis:
    # Shares the process's Redis connection pool; building it opens nothing.
    return ArqRedis(
        pool_or_conn=resources.redis.connection_pool,
        default_queue_name=queue_name(resources.settings),
    )


async def enqueue_processing(queue: ArqRedis, photo_id: uuid.UUID, original_key: str) -> None:
    # One job id per original: enqueuing it again while it waits or runs is a no-op.
    await queue.enqueue_job(
        PROCESS_PHOTO,
        str(photo_id),
        original_key,
        current_request_id(),
        current_trace_context(),
        _job_id=f"photo:{photo_id}:{original_key}",
    )


async def enqueue_erasure(queue: ArqRedis, keys: tuple[str, ...]) -> None:
    await queue.enqueue_job(ERASE_FILES, list(keys))


class QueuedJobs:
    """The commands' jobs port, as arq jobs on the process's queue."""

    def __init__(self, queue: ArqRedis) -> None:
        self._queue = queue

    async def enqueue(self, job: Job) -> None:
        match job:
            case ProcessPhoto(photo_id=photo_id, original_key=key):
                try:
                    await enqueue_processing(self._queue, photo_id, key)
                except (RedisError, OSError) as exc:
                    # Committed already; the stuck-photo sweep enqueues it once Redis is back.
                    log.warning("job not enqueued", photo_id=str(photo_id), error=repr(exc))
            case EraseFiles(keys=keys):
                try:
                    await enqueue_erasure(self._queue, keys)
                except (RedisError, OSError) as exc:
                    # Committed already; the daily sweep deletes what no row names.
                    log.warning("erasure not enqueued", keys=len(keys), error=repr(exc))


def commands_for(resources: Resources) -> Commands:
    """The command boundary of a process (API, worker, seed), with its queue as jobs port."""
    return Commands(resources.sessions, resources.settings, QueuedJobs(job_queue(resources)))
