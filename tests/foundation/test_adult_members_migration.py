"""Revision 0006: photographers registered under 18 are suspended with a reason (nothing
deleted, the suspension recorded and announced like a moderator's); its downgrade lifts
exactly those suspensions."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import select

from lumen.commands import birth_dates
from lumen.db.migrations import downgrade, upgrade
from lumen.db.outbox import OutboxEvent
from lumen.db.profiles import Profile
from lumen.db.users import ModerationAction, User
from lumen.resources import Resources
from tests.foundation.old_rows import add_profile


def _born(years: int) -> dt.date:
    today = birth_dates.today()
    return today.replace(year=today.year - years) - dt.timedelta(days=1)


async def _people(db: Resources) -> None:
    key = db.settings.secret_key
    people = {
        "young": ("photographer", "active", birth_dates.encrypt(_born(16), key)),
        "adult": ("photographer", "active", birth_dates.encrypt(_born(30), key)),
        "already-suspended": ("photographer", "suspended", birth_dates.encrypt(_born(15), key)),
        "other-key": ("photographer", "active", birth_dates.encrypt(_born(16), "x" * 40)),
    }
    async with db.sessions.begin() as session:
        for uid, (role, status, stored) in people.items():
            session.add(User(uid=uid, role=role, status=status, birth_date_encrypted=stored))
        await session.flush()
        await add_profile(session, "young", "Young")


async def _state(db: Resources) -> dict[str, tuple[str, int]]:
    async with db.sessions() as session:
        return {u.uid: (u.status, u.version) for u in await session.scalars(select(User))}


async def _events(db: Resources) -> list[tuple[str, str, int]]:
    async with db.sessions() as session:
        rows = await session.execute(
            select(OutboxEvent.event_type, OutboxEvent.aggregate_id, OutboxEvent.aggregate_version)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


async def test_under_age_photographers_are_suspended_and_the_downgrade_lifts_it(
    db: Resources,
) -> None:
    url, key = db.settings.database_url, db.settings.secret_key
    await asyncio.to_thread(downgrade, url, "0005", key)
    try:
        await _people(db)
        await asyncio.to_thread(upgrade, url, "0006", key)
        assert await _state(db) == {
            "young": ("suspended", 2),
            "adult": ("active", 1),
            "already-suspended": ("suspended", 1),
            "other-key": ("active", 1),
        }
        async with db.sessions() as session:
            young = await session.get(User, "young")
            assert young is not None
            assert "18 or older" in str(young.status_reason)
            assert birth_dates.decrypt(young.birth_date_encrypted, key) == _born(16)
            assert await session.scalar(select(Profile.id).where(Profile.user_uid == "young"))
            # Columns of 0006 only: later revisions add to the table.
            audit = (
                await session.execute(select(ModerationAction.action, ModerationAction.target_id))
            ).all()
        assert [tuple(a) for a in audit] == [("suspend_user", "young")]
        assert await _events(db) == [("UserSuspended", "young", 2)]

        await asyncio.to_thread(downgrade, url, "0005", key)
        assert (await _state(db))["young"] == ("active", 3)
        assert (await _state(db))["already-suspended"] == ("suspended", 1)
        assert (await _events(db))[-1] == ("UserUnsuspended", "young", 3)
    finally:
        await asyncio.to_thread(upgrade, url, "head", key)
