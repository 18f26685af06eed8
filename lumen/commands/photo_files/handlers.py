"""Uploading a photo's original: stream it to storage, then point the photo at it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterable

import msgspec
import structlog
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.auth.accounts import Account
from lumen.commands.photo_files.errors import InvalidLength, UnsupportedImage, UploadTooLarge
from lumen.commands.photos.handlers import owned_photo, owner_view
from lumen.commands.photos.structs import PhotoOut
from lumen.db.outbox import record
from lumen.db.photos import Photo
from lumen.media.errors import TooLargeError, UnsupportedMediaTypeError
from lumen.media.storage import Storage
from lumen.media.upload import StoredUpload, store_upload
from lumen.media.urls import variant_url
from lumen.resources import Resources
from lumen.workers.photo_jobs import enqueue_processing
from lumen.workers.queue import job_queue

log = structlog.get_logger()


async def load_owned(resources: Resources, account: Account, photo_id: uuid.UUID) -> Photo:
    # A read only: no transaction stays open while a body streams in.
    async with resources.sessions() as session:
        return await owned_photo(session, account, photo_id, None)


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
    chunks: AsyncIterable[bytes], storage: Storage, max_bytes: int
) -> StoredUpload:
    try:
        return await store_upload(chunks, storage, max_bytes=max_bytes)
    except TooLargeError as exc:
        raise UploadTooLarge(exc.detail, limit_bytes=max_bytes) from None
    except UnsupportedMediaTypeError as exc:
        raise UnsupportedImage(exc.detail) from None


async def attach_original(
    session: AsyncSession,
    account: Account,
    photo_id: uuid.UUID,
    if_match: str | None,
    upload: StoredUpload,
) -> Photo:
    photo = await owned_photo(session, account, photo_id, if_match)
    if photo.original_key == upload.key and photo.status in {"processing", "ready"}:
        return photo  # the same bytes again, as a retried PUT sends them: nothing changes
    # The previous original and its variants stay in storage: keys are content hashes that
    # other photos may share, so only a sweep that sees every row could delete them.
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
    return photo


async def start_processing(resources: Resources, photo: Photo) -> None:
    if photo.status != "processing" or photo.original_key is None:
        return
    try:
        await enqueue_processing(job_queue(resources), photo.id, photo.original_key)
    except (RedisError, OSError) as exc:
        # The upload is committed; the stuck-photo sweep enqueues it once Redis is back.
        log.warning("photo processing not enqueued", photo_id=str(photo.id), error=repr(exc))


def owner_view_with_urls(photo: Photo, secret_key: str) -> PhotoOut:
    variants = [
        {**variant, "url": variant_url(secret_key, variant["key"], photo.visibility)}
        for variant in photo.variants
    ]
    return msgspec.structs.replace(owner_view(photo), variants=variants)
