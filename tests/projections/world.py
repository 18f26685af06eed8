"""Test data written the way commands write it: rows and their outbox events in one
transaction, with versions moved by SQLAlchemy's version counter."""

from __future__ import annotations

import uuid
from typing import Any

from lumen.commands.profiles.removal import remove_profile
from lumen.db.outbox import record
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.db.users import User
from lumen.resources import Resources

PARIS = 2988507


async def add_user(res: Resources, role: str = "photographer", status: str = "active") -> str:
    uid = f"u-{uuid.uuid4().hex[:12]}"
    async with res.sessions.begin() as session:
        user = User(uid=uid, role=role, status=status, birth_date_encrypted=b"x")
        session.add(user)
        await session.flush()
        await record(session, "user", uid, user.version, "UserRegistered", {"role": role})
    return uid


async def add_profile(res: Resources, uid: str, **fields: Any) -> uuid.UUID:
    values: dict[str, Any] = {"display_name": "Zoë Martin", "location_precision": "hidden"}
    values.update(fields)
    async with res.sessions.begin() as session:
        profile = Profile(id=uuid.uuid4(), user_uid=uid, **values)
        session.add(profile)
        await session.flush()
        await record(session, "profile", profile.id, profile.version, "ProfileCreated")
    return profile.id


async def update_profile(res: Resources, profile_id: uuid.UUID, **fields: Any) -> int:
    async with res.sessions.begin() as session:
        profile = await session.get(Profile, profile_id, with_for_update=True)
        assert profile is not None
        for name, value in fields.items():
            setattr(profile, name, value)
        await session.flush()
        await record(session, "profile", profile.id, profile.version, "ProfileUpdated")
        return profile.version


async def set_user_status(res: Resources, uid: str, status: str) -> None:
    async with res.sessions.begin() as session:
        user = await session.get(User, uid, with_for_update=True)
        assert user is not None
        user.status = status
        await session.flush()
        event = "UserSuspended" if status == "suspended" else "UserUnsuspended"
        await record(session, "user", uid, user.version, event)


async def add_photo(res: Resources, owner: uuid.UUID, **fields: Any) -> uuid.UUID:
    values: dict[str, Any] = {
        "title": "Golden hour",
        "tags": ["portrait"],
        "status": "ready",
        "width": 3000,
        "height": 2000,
        "location_precision": "hidden",
    }
    values.update(fields)
    async with res.sessions.begin() as session:
        photo = Photo(id=uuid.uuid4(), owner_id=owner, **values)
        session.add(photo)
        await session.flush()
        await record(session, "photo", photo.id, photo.version, "PhotoCreated")
    return photo.id


async def update_photo(res: Resources, photo_id: uuid.UUID, **fields: Any) -> None:
    async with res.sessions.begin() as session:
        photo = await session.get(Photo, photo_id, with_for_update=True)
        assert photo is not None
        for name, value in fields.items():
            setattr(photo, name, value)
        await session.flush()
        await record(session, "photo", photo.id, photo.version, "PhotoUpdated")


async def delete_profile(res: Resources, profile_id: uuid.UUID) -> None:
    """The profile removal command itself: tombstone versions one past the last."""
    async with res.sessions.begin() as session:
        profile = await session.get(Profile, profile_id, with_for_update=True)
        assert profile is not None
        await remove_profile(session, profile)
