"""Moderation changes inside the caller's transaction: each writes its audit row, the state
change and the outbox event together. The admin routes and the report queue share them."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.commands.errors import Conflict
from lumen.db.outbox import record
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.db.users import ModerationAction, User


class AlreadyInState(Conflict):
    pass


async def audit(
    session: AsyncSession,
    actor_uid: str,
    action: str,
    target: tuple[str, str],
    subject_uid: str | None,
    reason: str,
) -> ModerationAction:
    target_type, target_id = target
    row = ModerationAction(
        actor_uid=actor_uid,
        action=action,
        target_type=target_type,
        target_id=target_id,
        subject_uid=subject_uid,
        reason=reason,
    )
    session.add(row)
    await session.flush()
    await session.refresh(row)
    return row


async def owner_uid_of(session: AsyncSession, photo: Photo) -> str:
    uid = await session.scalar(select(Profile.user_uid).where(Profile.id == photo.owner_id))
    return str(uid)


async def suspend_user(
    session: AsyncSession, actor_uid: str, user: User, suspend: bool, reason: str
) -> ModerationAction:
    before, after = ("active", "suspended") if suspend else ("suspended", "active")
    if user.status != before:
        raise AlreadyInState(f"The user is already {user.status}.")
    user.status, user.status_reason = after, reason if suspend else None
    action = "suspend_user" if suspend else "unsuspend_user"
    row = await audit(session, actor_uid, action, ("user", user.uid), user.uid, reason)
    kind = events.UserSuspended if suspend else events.UserUnsuspended
    await record(session, kind(uid=user.uid, version=user.version, moderation_action_id=row.id))
    return row


async def move_photo(
    session: AsyncSession, photo: Photo, after: str, row: ModerationAction
) -> None:
    """Sets a locked photo's moderation state (visible, held, hidden) under `row`."""
    photo.moderation = after
    photo.moderation_reason = None if after == "visible" else row.reason
    await session.flush()
    kind = events.PhotoUnhidden if after == "visible" else events.PhotoHidden
    await record(
        session, kind(photo_id=photo.id, version=photo.version, moderation_action_id=row.id)
    )


async def move_profile(
    session: AsyncSession, profile_id: uuid.UUID, after: str, row: ModerationAction
) -> None:
    """Holds or releases a profile. Its documents move by `counts_version`, as a follow
    moves them, so the owner's If-Match stays current: the owner changed nothing."""
    revision = await session.scalar(
        update(Profile)
        .where(Profile.id == profile_id)
        .values(moderation=after, counts_version=Profile.counts_version + 1)
        .returning(Profile.revision)
        .execution_options(synchronize_session=False)
    )
    kind = events.ProfileUnhidden if after == "visible" else events.ProfileHidden
    await record(
        session,
        kind(profile_id=profile_id, version=int(revision or 0), moderation_action_id=row.id),
    )
