"""Profiles and photos written straight to the test database, for tests about who may
act on them (how they are created is the write side's business, tested there)."""

from __future__ import annotations

import uuid

from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.resources import Resources


async def profile_with_photos(db: Resources, uid: str) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """Returns (profile id, a visible photo's id, a hidden photo's id)."""
    async with db.sessions.begin() as session:
        profile = Profile(user_uid=uid, display_name="Someone")
        session.add(profile)
        await session.flush()
        visible = Photo(owner_id=profile.id, title="visible")
        hidden = Photo(owner_id=profile.id, title="hidden", moderation="hidden")
        session.add_all([visible, hidden])
        await session.flush()
        return profile.id, visible.id, hidden.id
