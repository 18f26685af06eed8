"""Recording what the image pipeline made of an original, as the commands the worker
calls, and the processing use case around them.

Safe to run any number of times, in any order with uploads: a photo is only ever finished
while it is still `processing` the very original the run was started for."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from enum import StrEnum

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.commands.boundary import Commands
from lumen.commands.photo_files.processed import Processed, apply_failure, apply_processed
from lumen.commands.photo_files.stored_files import hold_files
from lumen.commands.unit_of_work import UnitOfWork
from lumen.db.outbox import record
from lumen.db.photos import Photo
from lumen.media.backend import limits_for, storage_for
from lumen.media.bounded import process_within
from lumen.media.budget import DecodeBudget
from lumen.media.errors import MediaError
from lumen.media.pipeline import store_variants
from lumen.metrics.photos import FAILURES, reason_of

# When every try failed for a reason of the machine's rather than the file's.
GAVE_UP = "The image could not be processed. Upload it again, or try another file."


class Outcome(StrEnum):
    PROCESSED = "processed"
    FAILED = "failed"
    # Deleted, re-uploaded since, or already finished: nothing to do.
    SKIPPED = "skipped"


class RecordPhotoProcessed(msgspec.Struct, frozen=True, kw_only=True):
    photo_id: uuid.UUID
    original_key: str
    processed: Processed


class RecordPhotoFailed(msgspec.Struct, frozen=True, kw_only=True):
    photo_id: uuid.UUID
    original_key: str
    reason: str


async def record_processed(command: RecordPhotoProcessed, uow: UnitOfWork) -> Outcome:
    async def change(session: AsyncSession, photo: Photo) -> None:
        # A variant erased since it was stored (FileGone) fails the job: its retry makes it again.
        await hold_files(session, uow.settings, [v.key for v in command.processed.variants])
        await apply_processed(session, photo, command.processed)

    return await _finish(command, uow, change, events.PhotoProcessed, Outcome.PROCESSED)


async def record_failed(command: RecordPhotoFailed, uow: UnitOfWork) -> Outcome:
    async def change(session: AsyncSession, photo: Photo) -> None:
        apply_failure(photo, command.reason)

    return await _finish(command, uow, change, events.PhotoFailed, Outcome.FAILED)


async def _finish(
    command: RecordPhotoProcessed | RecordPhotoFailed,
    uow: UnitOfWork,
    change: Callable[[AsyncSession, Photo], Awaitable[None]],
    kind: type[events.PhotoProcessed] | type[events.PhotoFailed],
    outcome: Outcome,
) -> Outcome:
    async with uow as session:
        photo = await _pending(session, command.photo_id, command.original_key, lock=True)
        if photo is None:
            # Processed variants stay behind unreferenced, like those of a replaced original.
            return Outcome.SKIPPED
        await change(session, photo)
        await session.flush()  # the UPDATE moves the version; the event carries the new one
        await record(
            session, kind(photo_id=photo.id, version=photo.version, owner_id=photo.owner_id)
        )
        return await uow.commit(outcome)


async def process_original(
    commands: Commands, photo_id: uuid.UUID, original_key: str, budget: DecodeBudget
) -> Outcome:
    """MediaError ends in `failed`; any other exception is left to the caller to retry."""
    async with commands.sessions() as session:
        if await _pending(session, photo_id, original_key, lock=False) is None:
            return Outcome.SKIPPED
    storage = storage_for(commands.settings)
    try:
        original = await storage.read(original_key)
        image = await process_within(budget, original, limits_for(commands.settings))
    except MediaError as exc:
        FAILURES.labels(reason_of(exc)).inc()
        return await give_up(commands, photo_id, original_key, exc.detail)
    del original  # the variants are all that is needed from here on
    processed = Processed(
        width=image.width,
        height=image.height,
        exif=image.exif,
        dominant_colour=image.placeholder.dominant_colour,
        variants=await store_variants(storage, image),
    )
    del image
    done = RecordPhotoProcessed(photo_id=photo_id, original_key=original_key, processed=processed)
    return await commands.run(record_processed, done)


async def give_up(
    commands: Commands, photo_id: uuid.UUID, original_key: str, reason: str = GAVE_UP
) -> Outcome:
    failed = RecordPhotoFailed(photo_id=photo_id, original_key=original_key, reason=reason)
    return await commands.run(record_failed, failed)


async def _pending(
    session: AsyncSession, photo_id: uuid.UUID, original_key: str, *, lock: bool
) -> Photo | None:
    query = select(Photo).where(Photo.id == photo_id)
    # The lock makes the check and the write one step: an upload committed in between
    # changes original_key, and then this run must not write.
    photo = await session.scalar(query.with_for_update(key_share=True) if lock else query)
    if photo is None or photo.status != "processing" or photo.original_key != original_key:
        return None
    return photo
