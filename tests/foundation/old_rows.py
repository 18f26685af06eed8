"""Rows written at an older revision, for the data migrations' tests: plain SQL, since
the models carry columns those revisions lack."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_PROFILE = text(
    "INSERT INTO profiles (id, user_uid, display_name, languages, location_precision,"
    " visibility, discoverable, nearby_opt_in, links, attributes, followers_count,"
    " following_count, version) VALUES (gen_random_uuid(), :uid, :name, '{}', 'city',"
    " 'public', true, false, '{}', '{}', 0, 0, 1)"
)


async def add_profile(session: AsyncSession, uid: str, name: str) -> None:
    """A profile as revision 0004 and later hold it (counts_version has a server default)."""
    await session.execute(_PROFILE, {"uid": uid, "name": name})
