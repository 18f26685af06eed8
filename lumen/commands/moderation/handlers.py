"""Moderation commands: each writes its audit row, the state change and the outbox event
in one transaction."""

from __future__ import annotations

import uuid

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.auth.tokens import Caller
from lumen.commands.errors import Conflict, NotFound
from lumen.commands.unit_of_work import UnitOfWork
from lumen.db.outbox import record
from lumen.db.photos import Photo
from lumen.db.users import ModerationAction, User


class AlreadyInState(Conflict):
    pass


async def _audit(
    session: AsyncSession, admin: Caller, action: str, target: User | Photo, reason: str
) -> ModerationAction:
    target_type, target_id = (
        ("user", target.uid) if isinstance(target, User) else ("photo", target.id)
    )
    row = ModerationAction(
        actor_uid=admin.uid,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        reason=reason,
    )
    session.add(row)
    await session.flush()
    await session.refresh(row)
    return row


class ModerateUser(msgspec.Struct, frozen=True, kw_only=True):
    """Suspends (or, with suspend false, unsuspends) a member."""

    admin: Caller
    uid: str
    suspend: bool
    reason: str


async def moderate_user(command: ModerateUser, uow: UnitOfWork) -> ModerationAction:
    suspend = command.suspend
    before, after = ("active", "suspended") if suspend else ("suspended", "active")
    async with uow as session:
        user = await session.get(User, command.uid, with_for_update=True)
        if user is None or user.status == "deleted":
            raise NotFound(f"No registered user {command.uid!r}.")
        if user.status != before:
            raise AlreadyInState(f"The user is already {user.status}.")
        user.status, user.status_reason = after, command.reason if suspend else None
        action = "suspend_user" if suspend else "unsuspend_user"
        row = await _audit(session, command.admin, action, user, command.reason)
        kind = events.UserSuspended if suspend else events.UserUnsuspended
        await record(session, kind(uid=user.uid, version=user.version, moderation_action_id=row.id))
        return await uow.commit(row)


class ModeratePhoto(msgspec.Struct, frozen=True, kw_only=True):
    """Hides (or, with hide false, shows again) a photo."""

    admin: Caller
    photo_id: uuid.UUID
    hide: bool
    reason: str


async def moderate_photo(command: ModeratePhoto, uow: UnitOfWork) -> ModerationAction:
    hide = command.hide
    before, after = ("visible", "hidden") if hide else ("hidden", "visible")
    async with uow as session:
        photo = await session.get(Photo, command.photo_id, with_for_update={"key_share": True})
        if photo is None:
            raise NotFound(f"No photo {command.photo_id}.")
        if photo.moderation != before:
            raise AlreadyInState(f"The photo is already {photo.moderation}.")
        photo.moderation, photo.moderation_reason = after, command.reason if hide else None
        action = "hide_photo" if hide else "unhide_photo"
        row = await _audit(session, command.admin, action, photo, command.reason)
        kind = events.PhotoHidden if hide else events.PhotoUnhidden
        await record(
            session, kind(photo_id=photo.id, version=photo.version, moderation_action_id=row.id)
        )
        return await uow.commit(row)
