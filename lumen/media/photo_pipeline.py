"""Turns a photo's uploaded original into served variants and a `ready` (or `failed`) row.

Safe to run any number of times, in any order with uploads: it only ever finishes a photo
that is still `processing` the very original it was started for.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.db.engine import Sessions
from lumen.db.outbox import record
from lumen.db.photos import Photo
from lumen.media.errors import MediaError
from lumen.media.limits import Limits
from lumen.media.photo_changes import apply_failure, apply_processed
from lumen.media.pipeline import process, store_variants
from lumen.media.storage import Storage


class Outcome(StrEnum):
    PROCESSED = "processed"
    FAILED = "failed"
    # Deleted, re-uploaded since, or already finished: nothing to do.
    SKIPPED = "skipped"


async def process_stored_photo(
    sessions: Sessions, storage: Storage, limits: Limits, photo_id: uuid.UUID, original_key: str
) -> Outcome:
    """MediaError ends in `failed`; any other exception is left to the caller to retry."""
    async with sessions() as session:
        if await _pending(session, photo_id, original_key, lock=False) is None:
            return Outcome.SKIPPED
    try:
        original = await storage.read(original_key)
        processed = await asyncio.to_thread(process, original, limits)
    except MediaError as exc:
        return await _finish(sessions, photo_id, original_key, failure=exc.detail)
    del original  # the variants are all that is needed from here on
    stored = await store_variants(storage, processed)
    async with sessions.begin() as session:
        photo = await _pending(session, photo_id, original_key, lock=True)
        if photo is None:
            # Its variants stay behind unreferenced, like those of any replaced original.
            return Outcome.SKIPPED
        await apply_processed(session, photo, processed, stored)
        await _record(session, photo, events.PhotoProcessed)
    return Outcome.PROCESSED


async def stuck_photos(sessions: Sessions, older_than: timedelta) -> list[tuple[uuid.UUID, str]]:
    """Photos whose processing should have finished by now: their job may have been lost."""
    cutoff = datetime.now(UTC) - older_than
    async with sessions() as session:
        rows = await session.execute(
            select(Photo.id, Photo.original_key)
            .where(Photo.status == "processing", Photo.updated_at < cutoff)
            .order_by(Photo.updated_at)
            .limit(1000)
        )
        return [(photo_id, key) for photo_id, key in rows if key is not None]


async def _finish(
    sessions: Sessions, photo_id: uuid.UUID, original_key: str, *, failure: str
) -> Outcome:
    async with sessions.begin() as session:
        photo = await _pending(session, photo_id, original_key, lock=True)
        if photo is None:
            return Outcome.SKIPPED
        apply_failure(photo, failure)
        await _record(session, photo, events.PhotoFailed)
    return Outcome.FAILED


async def _pending(
    session: AsyncSession, photo_id: uuid.UUID, original_key: str, *, lock: bool
) -> Photo | None:
    query = select(Photo).where(Photo.id == photo_id)
    # The lock makes the check and the write one step: an upload committed in between
    # changes original_key, and then this run must not write.
    photo = await session.scalar(query.with_for_update() if lock else query)
    if photo is None or photo.status != "processing" or photo.original_key != original_key:
        return None
    return photo


async def _record(
    session: AsyncSession,
    photo: Photo,
    kind: type[events.PhotoProcessed] | type[events.PhotoFailed],
) -> None:
    await session.flush()  # the UPDATE moves the version; the event carries the new one
    await record(session, kind(photo_id=photo.id, version=photo.version, owner_id=photo.owner_id))
