"""The queue's read: open reports grouped by target in one query, then each page's
reports, target states and members' moderation histories in one query each."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from typing import NamedTuple

from sqlalchemy import func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands.moderation.routes import ModerationRecord, record_of
from lumen.commands.reports.structs import QueuedReport, ReportGroup
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.db.reports import Report
from lumen.db.users import ModerationAction

# The newest actions shown per member; the full trail is GET /v1/moderation/users/{uid}/actions.
HISTORY = 10


class GroupKey(NamedTuple):
    first_reported_at: dt.datetime
    target_kind: str
    target_id: uuid.UUID


async def groups(
    session: AsyncSession,
    category: str | None,
    target_kind: str | None,
    limit: int,
    after: GroupKey | None,
) -> list[ReportGroup]:
    first = func.min(Report.created_at)
    query = (
        select(
            Report.target_kind,
            Report.target_id,
            func.min(Report.subject_uid).label("subject_uid"),
            func.count().label("total"),
            func.array_agg(func.distinct(Report.category)).label("categories"),
            first.label("first"),
            func.max(Report.created_at).label("last"),
        )
        .where(Report.state == "open")
        .group_by(Report.target_kind, Report.target_id)
        .order_by(first, Report.target_kind, Report.target_id)
        .limit(limit)
    )
    if target_kind is not None:
        query = query.where(Report.target_kind == target_kind)
    if category is not None:
        query = query.having(func.bool_or(Report.category == category))
    if after is not None:
        query = query.having(tuple_(first, Report.target_kind, Report.target_id) > tuple(after))
    rows = (await session.execute(query)).all()
    if not rows:
        return []
    keys = [(r.target_kind, r.target_id) for r in rows]
    reports = await _reports(session, keys)
    states = await _states(session, keys)
    history = await _history(session, {r.subject_uid for r in rows})
    return [
        ReportGroup(
            target_kind=r.target_kind,
            target_id=r.target_id,
            subject_uid=r.subject_uid,
            target_state=states.get((r.target_kind, r.target_id), "gone"),
            count=r.total,
            categories=sorted(r.categories),
            first_reported_at=r.first,
            last_reported_at=r.last,
            reports=reports[(r.target_kind, r.target_id)],
            history=history[r.subject_uid],
        )
        for r in rows
    ]


Key = tuple[str, uuid.UUID]


async def _reports(session: AsyncSession, keys: list[Key]) -> dict[Key, list[QueuedReport]]:
    found: dict[Key, list[QueuedReport]] = defaultdict(list)
    query = (
        select(Report)
        .where(Report.state == "open", tuple_(Report.target_kind, Report.target_id).in_(keys))
        .order_by(Report.created_at, Report.id)
    )
    for report in await session.scalars(query):
        found[(report.target_kind, report.target_id)].append(
            QueuedReport(
                id=report.id,
                category=report.category,
                note=report.note,
                created_at=report.created_at,
            )
        )
    return found


async def _states(session: AsyncSession, keys: list[Key]) -> dict[Key, str]:
    photos = [i for kind, i in keys if kind == "photo"]
    profiles = [i for kind, i in keys if kind == "profile"]
    states: dict[Key, str] = {}
    if photos:
        rows = await session.execute(select(Photo.id, Photo.moderation).where(Photo.id.in_(photos)))
        states |= {("photo", i): state for i, state in rows}
    if profiles:
        rows = await session.execute(
            select(Profile.id, Profile.moderation).where(Profile.id.in_(profiles))
        )
        states |= {("profile", i): state for i, state in rows}
    return states


async def _history(session: AsyncSession, subjects: set[str]) -> dict[str, list[ModerationRecord]]:
    rank = (
        func.row_number()
        .over(partition_by=ModerationAction.subject_uid, order_by=ModerationAction.id.desc())
        .label("rank")
    )
    ranked = (
        select(ModerationAction.id, rank)
        .where(ModerationAction.subject_uid.in_(subjects))
        .subquery()
    )
    query = (
        select(ModerationAction)
        .join(ranked, ranked.c.id == ModerationAction.id)
        .where(ranked.c.rank <= HISTORY)
        .order_by(ModerationAction.id.desc())
    )
    found: dict[str, list[ModerationRecord]] = defaultdict(list)
    for row in await session.scalars(query):
        found[str(row.subject_uid)].append(record_of(row))
    return found
