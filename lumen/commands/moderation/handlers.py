"""Moderation commands: each writes its audit row, the state change and the outbox event
in one transaction."""

from __future__ import annotations

import uuid

import msgspec

from lumen.auth.tokens import Caller
from lumen.commands.errors import NotFound
from lumen.commands.moderation.changes import (
    AlreadyInState,
    audit,
    move_photo,
    owner_uid_of,
    suspend_user,
)
from lumen.commands.unit_of_work import UnitOfWork
from lumen.db.photos import Photo
from lumen.db.users import ModerationAction, User

__all__ = ["AlreadyInState", "ModeratePhoto", "ModerateUser", "moderate_photo", "moderate_user"]


class ModerateUser(msgspec.Struct, frozen=True, kw_only=True):
    """Suspends (or, with suspend false, unsuspends) a member."""

    admin: Caller
    uid: str
    suspend: bool
    reason: str


async def moderate_user(command: ModerateUser, uow: UnitOfWork) -> ModerationAction:
    async with uow as session:
        user = await session.get(User, command.uid, with_for_update=True)
        if user is None or user.status == "deleted":
            raise NotFound(f"No registered user {command.uid!r}.")
        row = await suspend_user(session, command.admin.uid, user, command.suspend, command.reason)
        return await uow.commit(row)


class ModeratePhoto(msgspec.Struct, frozen=True, kw_only=True):
    """Hides (or, with hide false, shows again) a photo."""

    admin: Caller
    photo_id: uuid.UUID
    hide: bool
    reason: str


async def moderate_photo(command: ModeratePhoto, uow: UnitOfWork) -> ModerationAction:
    hide = command.hide
    async with uow as session:
        photo = await session.get(Photo, command.photo_id, with_for_update={"key_share": True})
        if photo is None:
            raise NotFound(f"No photo {command.photo_id}.")
        # A held photo may be hidden for good; it shows again only when its reports are
        # resolved (the queue), never by an unhide that skips them.
        if photo.moderation == ("hidden" if hide else "visible") or (
            not hide and photo.moderation == "held"
        ):
            raise AlreadyInState(f"The photo is {photo.moderation}.")
        action = "hide_photo" if hide else "unhide_photo"
        target = ("photo", str(photo.id))
        subject = await owner_uid_of(session, photo)
        row = await audit(session, command.admin.uid, action, target, subject, command.reason)
        await move_photo(session, photo, "hidden" if hide else "visible", row)
        return await uow.commit(row)
