"""Revision 0007: existing profiles show their role's default attributes (those the
search documents already carried, and a comp card's), and its downgrade drops the choice."""

from __future__ import annotations

import asyncio

from sqlalchemy import inspect, text

from lumen.db.migrations import downgrade, upgrade
from lumen.db.users import User
from lumen.resources import Resources
from tests.foundation.old_rows import add_profile


async def _columns(db: Resources) -> set[str]:
    async with db.db.connect() as conn:
        found = await conn.run_sync(lambda sync: inspect(sync).get_columns("profiles"))
    return {column["name"] for column in found}


async def test_existing_profiles_get_their_roles_defaults_and_the_downgrade_drops_them(
    db: Resources,
) -> None:
    url = db.settings.database_url
    await asyncio.to_thread(downgrade, url, "0009")
    try:
        async with db.sessions.begin() as session:
            for role in ("model", "photographer"):
                session.add(User(uid=role, role=role, birth_date_encrypted=b"x"))
            await session.flush()
            for role in ("model", "photographer"):
                await add_profile(session, role, role)
        await asyncio.to_thread(upgrade, url, "0010")
        async with db.db.connect() as conn:
            rows = await conn.execute(text("SELECT user_uid, public_attributes FROM profiles"))
            chosen = {str(uid): list(names) for uid, names in rows}
        assert chosen == {
            "model": [
                "experience",
                "height_cm",
                "measurements",
                "hair_colour",
                "eye_colour",
                "open_to_tfp",
            ],
            "photographer": ["experience", "years_active", "gear", "studio", "open_to_tfp"],
        }
        await asyncio.to_thread(downgrade, url, "0009")
        assert "public_attributes" not in await _columns(db)
    finally:
        await asyncio.to_thread(upgrade, url)
    assert "public_attributes" in await _columns(db)
