"""The target of a report, locked: reports on one target are filed and resolved one at a
time, so the count that decides a protective hold is never raced."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands.errors import NotFound
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.db.users import User


@dataclass
class Target:
    kind: str
    id: uuid.UUID
    subject_uid: str
    # visible, held or hidden
    moderation: str
    # What anyone but its owner may see of it: a private, hidden or draft target, or a
    # suspended member's, cannot be reported (it answers as if it did not exist).
    findable: bool
    photo: Photo | None = None

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, str(self.id)


async def locked_target(session: AsyncSession, kind: str, target_id: uuid.UUID) -> Target:
    if kind == "photo":
        return await _photo(session, target_id)
    row = (
        await session.execute(
            select(Profile.user_uid, Profile.visibility, Profile.moderation, User.status)
            .join(User, User.uid == Profile.user_uid)
            .where(Profile.id == target_id)
            .with_for_update(of=Profile, key_share=True)
        )
    ).first()
    if row is None:
        raise NotFound(f"No profile {target_id}.")
    findable = row.visibility != "private" and row.status == "active"
    return Target(kind, target_id, row.user_uid, row.moderation, findable)


async def _photo(session: AsyncSession, photo_id: uuid.UUID) -> Target:
    row = (
        await session.execute(
            select(Photo, Profile.user_uid, Profile.visibility, Profile.moderation, User.status)
            .join(Profile, Profile.id == Photo.owner_id)
            .join(User, User.uid == Profile.user_uid)
            .where(Photo.id == photo_id)
            .with_for_update(of=Photo, key_share=True)
        )
    ).first()
    if row is None:
        raise NotFound(f"No photo {photo_id}.")
    photo: Photo = row[0]
    findable = (
        photo.status == "ready"
        and photo.visibility != "private"
        and photo.moderation != "hidden"
        and row.visibility != "private"
        and row.status == "active"
    )
    return Target("photo", photo_id, row.user_uid, photo.moderation, findable, photo)
