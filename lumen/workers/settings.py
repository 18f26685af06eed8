"""arq worker configuration. Jobs stay thin: their logic lives in projections/, media/ and
the commands they call."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar

from arq.connections import RedisSettings
from arq.cron import cron
from arq.worker import func
from opentelemetry.trace import Tracer

from lumen.media.budget import DecodeBudget
from lumen.media.memory import return_freed_images_to_the_system
from lumen.resources import Resources
from lumen.settings import Settings, load_settings
from lumen.workers.erasure import MAX_TRIES as ERASE_TRIES
from lumen.workers.erasure import erase_files
from lumen.workers.housekeeping import HOUSEKEEPING_CRON_JOBS
from lumen.workers.photo_jobs import (
    MAX_TRIES,
    process_photo,
    requeue_photos,
    requeue_stuck_photos,
)
from lumen.workers.projections import PROJECTION_CRON_JOBS, start_projections, stop_projections
from lumen.workers.queue import ERASE_FILES, queue_name

HEARTBEAT_INTERVAL_S = 10


def redis_settings(settings: Settings) -> RedisSettings:
    return RedisSettings.from_dsn(settings.redis_url)


def decode_budget(settings: Settings) -> DecodeBudget:
    """The decoded-image memory of this worker process, shared by all its photo jobs."""
    # Before the first decode, so the blocks of every image go back when it is freed.
    return_freed_images_to_the_system()
    return DecodeBudget(settings.decode_memory_mb * 1024 * 1024)


async def startup(ctx: dict[str, Any]) -> None:
    settings: Settings = ctx.get("settings") or load_settings()
    ctx["settings"] = settings
    ctx["resources"] = Resources.open(settings, ctx.get("tracer"))
    ctx["decode_budget"] = decode_budget(settings)
    await start_projections(ctx)
    # A start may follow Redis coming back empty, or uploads committed while it was away:
    # the jobs of photos still processing may be gone. Those that are not stay as they are.
    await requeue_photos(ctx, older_than=timedelta(0))


async def shutdown(ctx: dict[str, Any]) -> None:
    """Idempotent: the supervisor runs it again after a run whose close arq broke off."""
    await stop_projections(ctx)
    resources: Resources | None = ctx.pop("resources", None)
    if resources is not None:
        await resources.close()


class WorkerSettings:
    functions: ClassVar[list[Any]] = [
        # No result kept: the same original may be enqueued again as soon as a run ends.
        func(process_photo, max_tries=MAX_TRIES, keep_result=0),
        func(erase_files, name=ERASE_FILES, max_tries=ERASE_TRIES, keep_result=0),
    ]
    cron_jobs: ClassVar[list[Any]] = [
        cron(requeue_stuck_photos, minute=set(range(0, 60, 5)), second=30),
        *PROJECTION_CRON_JOBS,
        *HOUSEKEEPING_CRON_JOBS,
    ]
    on_startup = startup
    on_shutdown = shutdown
    # arq writes a heartbeat key at this interval; `lumen worker --check` reads it.
    health_check_interval = HEARTBEAT_INTERVAL_S
    # No job's record is kept, whatever the function says: arq keeps that of a job past its
    # last try for this long, and a kept record makes enqueueing the same job id (the
    # stuck-photo sweep's) a no-op.
    keep_result = 0


def worker_options(settings: Settings, tracer: Tracer | None = None) -> dict[str, Any]:
    """arq's options for a worker of these settings; `tracer`, the process's, with tracing on."""
    return {
        "redis_settings": redis_settings(settings),
        "queue_name": queue_name(settings),
        # Photo and file jobs only: projections run beside the slots (`wakeup`).
        "max_jobs": settings.worker_max_jobs,
        "ctx": {"settings": settings, "tracer": tracer},
    }
