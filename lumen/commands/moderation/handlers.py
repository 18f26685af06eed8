"""Moderation commands: each writes its audit row, the state change and the outbox event
in one transaction."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.auth.tokens import Caller
from lumen.commands.errors import Conflict, NotFound
from lumen.db.outbox import record
from lumen.db.photos import Photo
from lumen.db.users import ModerationAction, User
from lumen.resources import Resources


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


async def set_user_status(
    resources: Resources, admin: Caller, uid: str, suspended: bool, reason: str
) -> ModerationAction:
    before, after = ("active", "suspended") if suspended else ("suspended", "active")
    async with resources.sessions.begin() as session:
        user = await session.get(User, uid, with_for_update=True)
        if user is None or user.status == "deleted":
            raise NotFound(f"No registered user {uid!r}.")
        if user.status != before:
            raise AlreadyInState(f"The user is already {user.status}.")
        user.status, user.status_reason = after, reason if suspended else None
        action = "suspend_user" if suspended else "unsuspend_user"
        row = await _audit(session, admin, action, user, reason)
        kind = events.UserSuspended if suspended else events.UserUnsuspended
        await record(session, kind(uid=uid, version=user.version, moderation_action_id=row.id))
    return row


async def set_photo_moderation(
    resources: Resources, admin: Caller, photo_id: uuid.UUID, hidden: bool, reason: str
) -> ModerationAction:
    before, after = ("visible", "hidden") if hidden else ("hidden", "visible")
    async with resources.sessions.begin() as session:
        photo = await session.get(Photo, photo_id, with_for_update=True)
        if photo is None:
            raise NotFound(f"No photo {photo_id}.")
        if photo.moderation != before:
            raise AlreadyInState(f"The photo is already {photo.moderation}.")
        photo.moderation, photo.moderation_reason = after, reason if hidden else None
        row = await _audit(
            session, admin, "hide_photo" if hidden else "unhide_photo", photo, reason
        )
        kind = events.PhotoHidden if hidden else events.PhotoUnhidden
        await record(
            session, kind(photo_id=photo_id, version=photo.version, moderation_action_id=row.id)
        )
    return row
