"""Photo metadata commands: the owner's photos change one command, one version, one event."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy import select

from lumen import events
from lumen.auth.accounts import Account
from lumen.commands.editor import Editor
from lumen.commands.jobs import EraseFiles
from lumen.commands.photos.changes import apply, insert_photo, owned_photo
from lumen.commands.photos.structs import PhotoIn, PhotoOut, PhotoPatch
from lumen.commands.photos.views import owner_view
from lumen.commands.unit_of_work import UnitOfWork
from lumen.db.file_references import keys_of
from lumen.db.outbox import record
from lumen.db.profiles import Profile
from lumen.db.users import User


class CreatePhoto(msgspec.Struct, frozen=True, kw_only=True):
    account: Account
    photo: PhotoIn


async def create_photo(command: CreatePhoto, uow: UnitOfWork) -> PhotoOut:
    async with uow as session:
        photo, owner = await insert_photo(session, command.account, command.photo)
        return await uow.commit(await owner_view(session, photo, uow.settings.secret_key, owner))


class UpdatePhoto(msgspec.Struct, frozen=True, kw_only=True):
    """PUT sends the whole metadata (a PhotoIn), PATCH only what changes."""

    editor: Editor
    photo_id: uuid.UUID
    changes: PhotoIn | PhotoPatch


async def update_photo(command: UpdatePhoto, uow: UnitOfWork) -> PhotoOut:
    fields = msgspec.structs.asdict(command.changes).items()
    changes: dict[str, Any] = {k: v for k, v in fields if v is not msgspec.UNSET}
    async with uow as session:
        photo = await owned_photo(session, command.editor, command.photo_id)
        with session.no_autoflush:
            await apply(session, photo, changes)
            photo.updated_at = datetime.now(UTC)
        await session.flush()
        updated = events.PhotoUpdated(
            photo_id=photo.id, version=photo.version, owner_id=photo.owner_id
        )
        await record(session, updated)
        return await uow.commit(await owner_view(session, photo, uow.settings.secret_key))


class DeletePhoto(msgspec.Struct, frozen=True, kw_only=True):
    editor: Editor
    photo_id: uuid.UUID


async def delete_photo(command: DeletePhoto, uow: UnitOfWork) -> None:
    async with uow as session:
        photo = await owned_photo(session, command.editor, command.photo_id)
        owner = (
            await session.execute(
                select(Profile.revision, User.version)
                .join(User, User.uid == Profile.user_uid)
                .where(Profile.id == photo.owner_id)
            )
        ).one()
        # One version past the last, with the owner's, so the tombstone outranks every document.
        deleted = events.PhotoDeleted(
            photo_id=photo.id,
            version=photo.version + 1,
            owner_id=photo.owner_id,
            owner_version=owner[0],
            user_version=owner[1],
        )
        await record(session, deleted)
        erased = keys_of(photo.original_key, photo.variants)
        await session.delete(photo)
        if erased:
            uow.enqueue(EraseFiles(keys=tuple(erased)))
        await uow.commit(None)
