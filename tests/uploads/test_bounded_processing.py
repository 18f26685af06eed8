"""The photo job within the worker's decode budget, and how it ends when a file cannot be
processed: a file's own fault ends `failed` at once, a machine's fault is retried, and
after the last try the photo is `failed` with a reason, never `processing` for good."""

import shutil
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import msgspec
import pytest
from arq import Retry
from arq.connections import ArqRedis
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text

from lumen.commands.photo_files.processing import GAVE_UP
from lumen.resources import Resources
from lumen.settings import Settings
from lumen.workers.photo_jobs import MAX_TRIES, process_photo, requeue_stuck_photos
from lumen.workers.queue import PROCESS_PHOTO, job_queue
from tests.media.samples import encode_photo
from tests.media.test_refusals import png_of_zeros
from tests.uploads.flow import Owner, events_of, job_context, original_key, run_worker

NewOwner = Callable[[], Awaitable[Owner]]


async def test_an_image_over_the_whole_decode_budget_ends_failed_with_the_reason(
    client: AsyncTestClient[Litestar], db: Resources, settings: Settings, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    # 1,000 x 1,000 RGBA holds about 9 MB at its peak; this worker has 1 MB.
    await me.uploaded(photo_id, png_of_zeros(1_000, 1_000))
    small = Resources.open(msgspec.structs.replace(settings, decode_memory_mb=1))
    try:
        key = await original_key(db, photo_id)
        assert await process_photo(job_context(small), photo_id, key) == "failed"
    finally:
        await small.close()
    photo = await me.photo(photo_id)
    assert (photo["status"], photo["failure_reason"]) == (
        "failed",
        "The image is too large to process.",
    )


async def test_a_line_of_100_million_pixels_ends_failed_at_once_through_a_worker(
    client: AsyncTestClient[Litestar], db: Resources, settings: Settings, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    await me.uploaded(photo_id, png_of_zeros(100_000_000, 1))
    started = time.monotonic()
    await run_worker(settings)
    # One try, no retries: those would be deferred by 15 s and more.
    assert time.monotonic() - started < 15
    photo = await me.photo(photo_id)
    assert (photo["status"], photo["failure_reason"]) == (
        "failed",
        "The image is too large to process.",
    )
    assert (await events_of(db, photo_id))[-1] == (3, "PhotoFailed")


def _make_unreadable(settings: Settings, key: str) -> None:
    # A directory where the file was: reading it fails as a disk would, not as a bad file.
    path = next(Path(settings.media_dir).rglob(key))
    path.unlink()
    path.mkdir()


def _remove(settings: Settings, key: str) -> None:
    shutil.rmtree(next(Path(settings.media_dir).rglob(key)))


async def test_a_machine_fault_is_retried_and_after_the_last_try_the_photo_is_failed(
    client: AsyncTestClient[Litestar], db: Resources, settings: Settings, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    await me.uploaded(photo_id, encode_photo("JPEG"))
    key = await original_key(db, photo_id)
    _make_unreadable(settings, key)
    try:
        for job_try in range(1, MAX_TRIES):
            with pytest.raises(Retry):
                await process_photo(job_context(db, job_try), photo_id, key)
            assert (await me.photo(photo_id))["status"] == "processing"
        assert await process_photo(job_context(db, MAX_TRIES), photo_id, key) == "failed"
    finally:
        _remove(settings, key)
    photo = await me.photo(photo_id)
    assert (photo["status"], photo["failure_reason"]) == ("failed", GAVE_UP)


async def test_a_job_arq_dropped_after_its_tries_is_enqueued_again_by_the_sweep(
    client: AsyncTestClient[Litestar], db: Resources, settings: Settings, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    await me.uploaded(photo_id, encode_photo("JPEG"))
    key = await original_key(db, photo_id)
    await db.redis.flushdb()
    queue: ArqRedis = job_queue(db)
    # As arq holds a job that used up its tries: it drops it without running it.
    await queue.enqueue_job(
        PROCESS_PHOTO, photo_id, key, _job_id=f"photo:{photo_id}:{key}", _job_try=MAX_TRIES + 1
    )
    await run_worker(settings)
    assert (await me.photo(photo_id))["status"] == "processing"

    async with db.db.begin() as conn:
        await conn.execute(
            text("UPDATE photos SET updated_at = now() - interval '1 hour' WHERE id = :id"),
            {"id": uuid.UUID(photo_id)},
        )
    assert await requeue_stuck_photos({"resources": db, "redis": queue}) == 1
    await run_worker(settings)
    assert (await me.photo(photo_id))["status"] == "ready"
