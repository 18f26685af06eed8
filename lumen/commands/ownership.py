"""Finding the caller's own profile, which photos and follows hang from."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands.errors import ProfileRequired
from lumen.db.profiles import Profile


async def profile_id_of(session: AsyncSession, user_uid: str) -> uuid.UUID:
    profile_id = await session.scalar(select(Profile.id).where(Profile.user_uid == user_uid))
    if profile_id is None:
        raise ProfileRequired("This needs a profile of your own.")
    return profile_id
