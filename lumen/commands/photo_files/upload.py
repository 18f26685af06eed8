"""Uploading a photo's original, the one use case the API and the demo seed both call:
stream the bytes to storage, then point the photo at them and queue their processing."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterable

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.auth.accounts import Account
from lumen.auth.guards import NotOwner
from lumen.commands.boundary import Commands
from lumen.commands.editor import Editor
from lumen.commands.errors import Busy, NotFound
from lumen.commands.jobs import EraseFiles, ProcessPhoto
from lumen.commands.photo_files.errors import InvalidLength, UnsupportedImage, UploadTooLarge
from lumen.commands.photo_files.stored_files import FileGone, hold_files
from lumen.commands.photos.changes import owned_photo
from lumen.commands.photos.structs import PhotoOut
from lumen.commands.photos.views import owner_view
from lumen.commands.unit_of_work import UnitOfWork
from lumen.db.engine import Sessions
from lumen.db.file_references import keys_of
from lumen.db.outbox import record
from lumen.db.photos import Photo
from lumen.media.backend import storage_for
from lumen.media.errors import TooLargeError, UnsupportedMediaTypeError
from lumen.media.upload import StoredUpload, store_upload


class UploadOriginal(msgspec.Struct, frozen=True, kw_only=True):
    editor: Editor
    photo_id: uuid.UUID
    upload: StoredUpload


async def upload_original(command: UploadOriginal, uow: UnitOfWork) -> PhotoOut:
    upload = command.upload
    async with uow as session:
        photo = await owned_photo(session, command.editor, command.photo_id)
        # The same bytes again, as a retried PUT sends them, change nothing.
        if photo.original_key != upload.key or photo.status not in {"processing", "ready"}:
            await _hold(session, uow, upload.key)
            # The previous original and its variants go unless another photo names them.
            replaced = set(keys_of(photo.original_key, photo.variants)) - {upload.key}
            if replaced:
                uow.enqueue(EraseFiles(keys=tuple(sorted(replaced))))
            photo.original_key = upload.key
            photo.status, photo.failure_reason = "processing", None
            photo.width = photo.height = photo.placeholder = None
            photo.exif, photo.variants = {}, []
            await session.flush()
            uploaded = events.PhotoUploaded(
                photo_id=photo.id,
                version=photo.version,
                owner_id=photo.owner_id,
                media_type=upload.media_type,
                size=upload.size,
            )
            await record(session, uploaded)
        if photo.status == "processing":
            # Again for a retried PUT too: the job id makes a second enqueue a no-op.
            uow.enqueue(ProcessPhoto(photo_id=photo.id, original_key=upload.key))
        return await uow.commit(await owner_view(session, photo, uow.settings.secret_key))


async def _hold(session: AsyncSession, uow: UnitOfWork, key: str) -> None:
    try:
        await hold_files(session, uow.settings, [key])
    except FileGone:
        # Another photo with the same content was deleted while this upload streamed in.
        raise Busy("The file was removed while it was being stored; send it again.") from None


async def load_owned(sessions: Sessions, account: Account, photo_id: uuid.UUID) -> Photo:
    # A read only: no transaction stays open while a body streams in.
    async with sessions() as session:
        return await owned_photo(session, Editor(account=account), photo_id, locked=False)


async def read_own(sessions: Sessions, account: Account, photo_id: uuid.UUID) -> Photo:
    """The owner's photo; anyone else's is as unknown to them as a photo that never was."""
    try:
        return await load_owned(sessions, account, photo_id)
    except NotOwner:
        raise NotFound(f"No photo {photo_id}.") from None


def check_declared_length(content_length: str | None, max_bytes: int) -> None:
    """Refuses a body announced too large before reading a byte of it."""
    if content_length is None:
        return
    try:
        declared = int(content_length)
    except ValueError:
        raise InvalidLength("Content-Length is not a number.") from None
    if declared > max_bytes:
        raise UploadTooLarge(TooLargeError(max_bytes).detail, limit_bytes=max_bytes)


async def receive_original(
    commands: Commands,
    editor: Editor,
    photo_id: uuid.UUID,
    body: AsyncIterable[bytes],
    declared_length: str | None = None,
) -> PhotoOut:
    max_bytes = commands.settings.max_upload_bytes
    await load_owned(commands.sessions, editor.account, photo_id)  # 404 or 403 before any byte
    check_declared_length(declared_length, max_bytes)
    try:
        stored = await store_upload(body, storage_for(commands.settings), max_bytes=max_bytes)
    except TooLargeError as exc:
        raise UploadTooLarge(exc.detail, limit_bytes=max_bytes) from None
    except UnsupportedMediaTypeError as exc:
        raise UnsupportedImage(exc.detail) from None
    command = UploadOriginal(editor=editor, photo_id=photo_id, upload=stored)
    return await commands.run(upload_original, command)
