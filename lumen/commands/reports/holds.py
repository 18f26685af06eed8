"""Protective holds: a target reported as a minor, or by enough distinct members, is out
of view at once, pending an admin's review of its reports."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands.moderation.changes import audit, move_photo, move_profile
from lumen.commands.reports.targets import Target
from lumen.db.reports import Report
from lumen.db.users import SYSTEM_ACTOR, ModerationAction


async def open_reporters(session: AsyncSession, target: Target) -> int:
    count = await session.scalar(
        select(func.count(func.distinct(Report.reporter_uid))).where(
            Report.target_kind == target.kind,
            Report.target_id == target.id,
            Report.state == "open",
        )
    )
    return int(count or 0)


async def hold_if_due(session: AsyncSession, target: Target, category: str, threshold: int) -> None:
    if target.moderation != "visible":
        return
    if category == "minor":
        reason = "Reported as a minor: held pending review."
    elif (reporters := await open_reporters(session, target)) >= threshold:
        reason = f"Reported by {reporters} members: held pending review."
    else:
        return
    action = f"hold_{target.kind}"
    row = await audit(session, SYSTEM_ACTOR, action, target.key, target.subject_uid, reason)
    await move(session, target, "held", row)


async def move(session: AsyncSession, target: Target, after: str, row: ModerationAction) -> None:
    if target.photo is not None:
        await move_photo(session, target.photo, after, row)
    else:
        await move_profile(session, target.id, after, row)
    target.moderation = after
