"""Deleting stops serving: moments after a deletion commits, the files no photo names any
more are erased (their URLs answer 404, the original and its GPS are gone), while files
another photo shares stay and keep being served."""

from __future__ import annotations

import asyncio
import io
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.auth.accounts import Account
from lumen.commands.editor import Editor
from lumen.commands.errors import Busy
from lumen.commands.photo_files.upload import UploadOriginal, upload_original
from lumen.db.photos import Photo
from lumen.media.backend import storage_for
from lumen.media.formats import MediaType
from lumen.media.upload import StoredUpload
from lumen.resources import Resources
from lumen.settings import Settings
from lumen.workers.queue import commands_for
from tests.live import Process
from tests.media.samples import encode_photo, marked_image
from tests.uploads.flow import Owner, original_key, run_job, run_worker

NewOwner = Callable[[], Awaitable[Owner]]
# The promise: erased within a minute of the deleting commit.
ERASED_WITHIN_S = 60


def _picture(colour: tuple[int, int, int]) -> bytes:
    image = marked_image((640, 480))
    image.paste(colour, (0, 0, 64, 64))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    return buffer.getvalue()


async def _ready(db: Resources, me: Owner, data: bytes) -> tuple[str, dict[str, Any]]:
    photo_id = await me.new_photo()
    await me.uploaded(photo_id, data)
    assert await run_job(db, photo_id, await original_key(db, photo_id)) == "processed"
    return photo_id, await me.photo(photo_id)


async def _files(db: Resources, photo_id: str) -> set[str]:
    async with db.sessions() as session:
        photo = await session.get(Photo, uuid.UUID(photo_id))
    assert photo is not None
    assert photo.original_key is not None
    return {photo.original_key, *(v["key"] for v in photo.variants)}


async def _stored(settings: Settings, keys: set[str]) -> set[str]:
    storage = storage_for(settings)
    return {key for key in keys if await storage.exists(key)}


async def _served(client: AsyncTestClient[Litestar], photo: dict[str, Any]) -> list[int]:
    return [(await client.get(v["url"])).status_code for v in photo["variants"]]


async def test_deleting_an_account_erases_its_files_within_a_minute_but_not_shared_ones(
    client: AsyncTestClient[Litestar],
    db: Resources,
    settings: Settings,
    owner: NewOwner,
    live_worker: Process,
) -> None:
    leaving, staying = await owner(), await owner()
    shared_bytes = _picture((200, 0, 0))
    own_id, own = await _ready(db, leaving, _picture((0, 0, 200)))
    shared_id, _ = await _ready(db, leaving, shared_bytes)
    kept_id, kept = await _ready(db, staying, shared_bytes)
    own_files, shared_files = await _files(db, own_id), await _files(db, shared_id)
    assert shared_files == await _files(db, kept_id)  # the same content, the same files

    assert (await client.delete("/v1/me", headers=leaving.headers)).status_code == 204
    deleted = time.monotonic()
    while await _stored(settings, own_files):
        assert time.monotonic() - deleted < ERASED_WITHIN_S, "files outlived the account"
        await asyncio.sleep(0.1)
    assert set(await _served(client, own)) == {404}
    assert await _stored(settings, shared_files) == shared_files
    assert set(await _served(client, kept)) == {200}


@pytest.mark.parametrize("removal", ["photo", "profile"])
async def test_deleting_a_photo_or_profile_erases_its_files(
    client: AsyncTestClient[Litestar],
    db: Resources,
    settings: Settings,
    owner: NewOwner,
    removal: str,
) -> None:
    me = await owner()
    photo_id, photo = await _ready(db, me, _picture((0, 150, 0)))
    files = await _files(db, photo_id)
    url = f"/v1/photos/{photo_id}" if removal == "photo" else f"/v1/profiles/{photo['owner']['id']}"
    assert (await client.delete(url, headers=me.headers)).status_code == 204
    await run_worker(settings)
    assert await _stored(settings, files) == set()
    assert set(await _served(client, photo)) == {404}


async def test_replacing_an_original_erases_the_previous_files(
    client: AsyncTestClient[Litestar], db: Resources, settings: Settings, owner: NewOwner
) -> None:
    me = await owner()
    photo_id, first = await _ready(db, me, _picture((90, 90, 0)))
    previous = await _files(db, photo_id)
    await me.uploaded(photo_id, encode_photo("PNG"))
    await run_worker(settings)
    assert (await me.photo(photo_id))["status"] == "ready"
    assert await _stored(settings, previous) == set()
    assert set(await _served(client, first)) == {404}


async def test_an_upload_whose_file_was_erased_meanwhile_is_refused_and_changes_nothing(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    uid = (await client.get("/v1/me", headers=me.headers)).json()["uid"]
    account = Account(uid=uid, role="photographer", status="active", is_admin=False)
    # Stored, then erased by another photo's deletion before this upload named it.
    gone = StoredUpload(key=f"{'ab' * 32}.jpg", size=10, media_type=MediaType.JPEG)
    command = UploadOriginal(
        editor=Editor(account=account), photo_id=uuid.UUID(photo_id), upload=gone
    )
    with pytest.raises(Busy):
        await commands_for(db).run(upload_original, command)
    assert (await me.photo(photo_id))["status"] == "draft"
