"""Test data written the way commands write it: rows and their outbox events in one
transaction, with versions moved by SQLAlchemy's version counter; and outbox rows as no
command writes them, since a typed event cannot be malformed but a stored row can."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from sqlalchemy import text

from lumen.auth.tokens import Caller
from lumen.commands.moderation.handlers import ModerateUser, moderate_user
from lumen.commands.profiles.removal import remove_profile
from lumen.db.outbox import record
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.db.users import User
from lumen.events import (
    PhotoCreated,
    PhotoUpdated,
    ProfileCreated,
    ProfileUpdated,
    UserRegistered,
)
from lumen.resources import Resources
from lumen.workers.queue import commands_for
from tests.members import PARIS_ID

PARIS = PARIS_ID


async def add_user(res: Resources, role: str = "photographer", status: str = "active") -> str:
    uid = f"u-{uuid.uuid4().hex[:12]}"
    async with res.sessions.begin() as session:
        user = User(uid=uid, role=role, status=status, birth_date_encrypted=b"x")
        session.add(user)
        await session.flush()
        await record(session, UserRegistered(uid=uid, version=user.version, role=role))
    return uid


async def add_profile(res: Resources, uid: str, **fields: Any) -> uuid.UUID:
    values: dict[str, Any] = {"display_name": "Zoë Martin", "location_precision": "hidden"}
    values.update(fields)
    async with res.sessions.begin() as session:
        profile = Profile(id=uuid.uuid4(), user_uid=uid, **values)
        session.add(profile)
        await session.flush()
        await record(
            session, ProfileCreated(profile_id=profile.id, version=profile.version, user_uid=uid)
        )
    return profile.id


async def update_profile(res: Resources, profile_id: uuid.UUID, **fields: Any) -> int:
    async with res.sessions.begin() as session:
        profile = await session.get(Profile, profile_id, with_for_update=True)
        assert profile is not None
        for name, value in fields.items():
            setattr(profile, name, value)
        await session.flush()
        changed = ProfileUpdated(
            profile_id=profile.id, version=profile.version, user_uid=profile.user_uid
        )
        await record(session, changed)
        return profile.version


async def suspend_user(res: Resources, uid: str) -> None:
    """The moderation command itself."""
    admin = Caller(uid="moderator", is_admin=True)
    suspend = ModerateUser(admin=admin, uid=uid, suspend=True, reason="spam")
    await commands_for(res).run(moderate_user, suspend)


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
        await record(
            session, PhotoCreated(photo_id=photo.id, version=photo.version, owner_id=owner)
        )
    return photo.id


async def update_photo(res: Resources, photo_id: uuid.UUID, **fields: Any) -> None:
    async with res.sessions.begin() as session:
        photo = await session.get(Photo, photo_id, with_for_update=True)
        assert photo is not None
        for name, value in fields.items():
            setattr(photo, name, value)
        await session.flush()
        await record(
            session,
            PhotoUpdated(photo_id=photo.id, version=photo.version, owner_id=photo.owner_id),
        )


async def delete_profile(res: Resources, profile_id: uuid.UUID) -> None:
    """The profile removal command itself: tombstone versions one past the last."""
    async with res.sessions.begin() as session:
        profile = await session.get(Profile, profile_id, with_for_update=True)
        assert profile is not None
        await remove_profile(session, profile)


async def raw_event(
    res: Resources,
    aggregate_type: str,
    aggregate_id: object,
    event_type: str,
    payload: dict[str, object] | None = None,
    version: int = 1,
) -> int:
    """An outbox row written by hand, as a bug, an old release or an operator might."""
    async with res.db.begin() as conn:
        ident = await conn.scalar(
            text(
                "INSERT INTO outbox (aggregate_type, aggregate_id, aggregate_version, event_type,"
                " payload, attempts) VALUES (:kind, :ident, :version, :event, CAST(:payload AS"
                " jsonb), 0) RETURNING id"
            ),
            {
                "kind": aggregate_type,
                "ident": str(aggregate_id),
                "version": version,
                "event": event_type,
                "payload": msgspec.json.encode(payload or {}).decode(),
            },
        )
    return int(ident)
