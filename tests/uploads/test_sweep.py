"""The sweep of stored files no photo refers to: replaced and deleted photos' files go,
files still referred to or written recently stay."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import Awaitable, Callable

from click.testing import CliRunner
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.cli import main
from lumen.db.photos import Photo
from lumen.media.backend import storage_for
from lumen.resources import Resources
from lumen.settings import Settings
from lumen.workers.housekeeping import sweep_files
from tests.conftest import TEST_ENV
from tests.media.samples import encode_photo
from tests.uploads.flow import Owner, original_key, run_job

NewOwner = Callable[[], Awaitable[Owner]]
TWO_DAYS_AGO = time.time() - 2 * 86400


def _age(settings: Settings, *keys: str) -> None:
    for key in keys:
        os.utime(settings.media_dir / key[:2] / key[2:4] / key, (TWO_DAYS_AGO, TWO_DAYS_AGO))


async def _keys(db: Resources, photo_id: str) -> set[str]:
    async with db.sessions() as session:
        photo = await session.get(Photo, uuid.UUID(photo_id))
    assert photo is not None
    assert photo.original_key is not None
    return {photo.original_key, *(v["key"] for v in photo.variants)}


async def _processed(db: Resources, me: Owner, photo_id: str, data: bytes) -> set[str]:
    await me.uploaded(photo_id, data)
    assert await run_job(db, photo_id, await original_key(db, photo_id)) == "processed"
    return await _keys(db, photo_id)


async def test_files_no_photo_refers_to_are_swept_after_the_grace_period(
    client: AsyncTestClient[Litestar], db: Resources, settings: Settings, owner: NewOwner
) -> None:
    storage = storage_for(settings)
    me = await owner()
    photo_id = await me.new_photo()
    first = await _processed(db, me, photo_id, encode_photo("JPEG"))
    orphan = (await storage.put_bytes(b"an orphan " + os.urandom(8), suffix="jpg")).key
    recent = (await storage.put_bytes(b"written today " + os.urandom(8), suffix="jpg")).key
    _age(settings, *first, orphan)
    part = settings.media_dir / ".incoming" / f"{uuid.uuid4().hex}.part"
    part.write_bytes(b"an upload cut short")
    os.utime(part, (TWO_DAYS_AGO, TWO_DAYS_AGO))

    swept = await sweep_files(db)
    assert not await storage.exists(orphan)
    assert all([await storage.exists(k) for k in first])
    assert await storage.exists(recent)  # unreferenced, but inside the grace period
    assert not await asyncio.to_thread(part.exists)
    assert swept.deleted >= 1
    assert swept.incoming >= 1

    # A new original replaces the old one: the old files go, the new ones stay.
    second = await _processed(db, me, photo_id, encode_photo("PNG", (500, 300)))
    _age(settings, *first, *second)
    await sweep_files(db)
    assert not any([await storage.exists(k) for k in first - second])
    assert all([await storage.exists(k) for k in second])

    # A deleted photo's files, its original with the GPS it came with, go too.
    response = await client.delete(f"/v1/photos/{photo_id}", headers=me.headers)
    assert response.status_code == 204, response.text
    await sweep_files(db)
    assert not any([await storage.exists(k) for k in second])
    assert await storage.exists(recent)


async def test_a_file_written_again_during_the_sweep_is_kept(
    db: Resources, settings: Settings
) -> None:
    storage = storage_for(settings)
    key = (await storage.put_bytes(b"same content " + os.urandom(8), suffix="webp")).key
    _age(settings, key)
    cutoff = time.time() - 86400
    assert key in await storage.keys_older_than(cutoff)
    # An upload of the same content between the listing and the deletion: put replaces it.
    await storage.put_bytes(await storage.read(key), suffix="webp")
    assert not await storage.delete_if_older(key, cutoff)
    assert await storage.exists(key)


async def test_operators_can_run_the_sweep_on_demand(db: Resources, settings: Settings) -> None:
    storage = storage_for(settings)
    orphan = (await storage.put_bytes(b"left behind " + os.urandom(8), suffix="png")).key
    _age(settings, orphan)
    env = {**TEST_ENV, "LUMEN_MEDIA_DIR": str(settings.media_dir)}
    result = await asyncio.to_thread(
        CliRunner().invoke, main, ["media", "sweep", "--grace-hours", "1"], env=env
    )
    assert result.exit_code == 0, result.output
    assert "unreferenced files deleted" in result.output
    assert not await storage.exists(orphan)
