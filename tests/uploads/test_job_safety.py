import io
import uuid
from collections.abc import Awaitable, Callable

import pytest
from arq import Retry
from arq.connections import ArqRedis
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text

from lumen.resources import Resources
from lumen.settings import Settings
from lumen.workers.photo_jobs import process_photo, requeue_stuck_photos
from lumen.workers.queue import job_queue
from tests.conftest import make_settings
from tests.media.samples import encode_photo, marked_image
from tests.uploads.flow import (
    Owner,
    events_of,
    job_context,
    original_key,
    run_job,
    run_worker,
)

NewOwner = Callable[[], Awaitable[Owner]]


async def test_a_job_for_a_replaced_original_does_not_overwrite_the_new_one(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    await me.uploaded(photo_id, encode_photo("JPEG", (600, 400)))
    first = await original_key(db, photo_id)
    await me.uploaded(photo_id, encode_photo("PNG", (300, 200)))
    second = await original_key(db, photo_id)

    assert await run_job(db, photo_id, first) == "skipped"
    assert (await me.photo(photo_id))["status"] == "processing"
    assert await run_job(db, photo_id, second) == "processed"
    photo = await me.photo(photo_id)
    assert (photo["width"], photo["height"]) == (200, 300)


async def test_running_the_job_again_on_a_ready_photo_changes_nothing(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    await me.uploaded(photo_id, encode_photo("JPEG"))
    key = await original_key(db, photo_id)
    await run_job(db, photo_id, key)
    ready = await me.photo(photo_id)

    assert await run_job(db, photo_id, key) == "skipped"
    assert await me.photo(photo_id) == ready
    assert [event for _, event in await events_of(db, photo_id)].count("PhotoProcessed") == 1


async def test_uploading_the_same_bytes_again_is_a_no_op(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    data = encode_photo("JPEG")
    await me.uploaded(photo_id, data)
    await run_job(db, photo_id, await original_key(db, photo_id))
    again = await me.uploaded(photo_id, data)
    assert (again["status"], again["version"]) == ("ready", 3)


async def test_photos_stuck_in_processing_are_enqueued_again_and_finished(
    client: AsyncTestClient[Litestar], db: Resources, settings: Settings, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    await me.uploaded(photo_id, encode_photo("JPEG"))
    # As if the job had been lost with Redis: nothing queued, and the upload is old.
    await db.redis.flushdb()
    async with db.db.begin() as conn:
        await conn.execute(
            text("UPDATE photos SET updated_at = now() - interval '1 hour' WHERE id = :id"),
            {"id": uuid.UUID(photo_id)},
        )
    queue: ArqRedis = job_queue(db)
    assert await requeue_stuck_photos({"resources": db, "redis": queue}) == 1
    await run_worker(settings)
    assert (await me.photo(photo_id))["status"] == "ready"


async def test_a_database_outage_makes_the_job_retry_later(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    await me.uploaded(photo_id, encode_photo("JPEG"))
    key = await original_key(db, photo_id)
    unreachable = Resources.open(
        make_settings(LUMEN_DATABASE_URL="postgresql+asyncpg://lumen:lumen@127.0.0.1:1/lumen")
    )
    try:
        with pytest.raises(Retry) as retry:
            await process_photo(job_context(unreachable, job_try=3), photo_id, key)
    finally:
        await unreachable.close()
    assert retry.value.defer_score == 60_000
    assert (await me.photo(photo_id))["status"] == "processing"


async def test_a_large_photo_gets_the_whole_cascade(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    large = io.BytesIO()
    marked_image((3000, 2000)).save(large, "JPEG")
    await me.uploaded(photo_id, large.getvalue())
    await run_job(db, photo_id, await original_key(db, photo_id))
    edges = sorted({max(v["width"], v["height"]) for v in (await me.photo(photo_id))["variants"]})
    assert edges == [320, 1080, 2048]
