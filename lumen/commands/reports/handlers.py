"""Report commands: filing one (and the protective hold it may take), and resolving a
target's open reports with an admin's action, its audit row and its events together."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.auth.accounts import Account
from lumen.auth.tokens import Caller
from lumen.commands.errors import InvalidInput, NotFound
from lumen.commands.moderation.changes import audit, suspend_user
from lumen.commands.reports.holds import hold_if_due, move
from lumen.commands.reports.targets import Target, locked_target
from lumen.commands.unit_of_work import UnitOfWork
from lumen.db.outbox import record
from lumen.db.reports import Report
from lumen.db.users import ModerationAction, User


class FileReport(msgspec.Struct, frozen=True, kw_only=True):
    account: Account
    target_kind: str
    target_id: uuid.UUID
    category: str
    note: str | None


async def file_report(command: FileReport, uow: UnitOfWork) -> tuple[Report, bool]:
    """The report, and whether it is new (False: the reporter's open one on this target)."""
    async with uow as session:
        target = await locked_target(session, command.target_kind, command.target_id)
        if not target.findable:
            raise NotFound(f"No {target.kind} {target.id}.")
        if target.subject_uid == command.account.uid:
            raise InvalidInput("target_id", "you cannot report your own profile or photos")
        existing = await session.scalar(
            _open(target).where(Report.reporter_uid == command.account.uid)
        )
        if existing is not None:
            return await uow.commit((existing, False))
        report = Report(
            reporter_uid=command.account.uid,
            target_kind=target.kind,
            target_id=target.id,
            subject_uid=target.subject_uid,
            category=command.category,
            note=command.note,
        )
        session.add(report)
        await session.flush()
        await record(
            session,
            events.ReportFiled(
                report_id=report.id,
                version=report.version,
                target_kind=target.kind,
                target_id=target.id,
                category=report.category,
            ),
        )
        threshold = uow.settings.reports_hold_threshold
        await hold_if_due(session, target, command.category, threshold)
        return await uow.commit((report, True))


def _open(target: Target) -> Select[Report]:
    return select(Report).where(
        Report.target_kind == target.kind, Report.target_id == target.id, Report.state == "open"
    )


class ResolveReports(msgspec.Struct, frozen=True, kw_only=True):
    admin: Caller
    target_kind: str
    target_id: uuid.UUID
    action: str
    reason: str


async def resolve_reports(command: ResolveReports, uow: UnitOfWork) -> tuple[ModerationAction, int]:
    """The action's audit row and how many reports it resolved."""
    async with uow as session:
        target = await locked_target(session, command.target_kind, command.target_id)
        reports = list((await session.scalars(_open(target).with_for_update())).all())
        if not reports:
            raise NotFound(f"No open reports on {target.kind} {target.id}.")
        row = await _act(session, command, target)
        state = "dismissed" if command.action == "dismiss" else "actioned"
        now = dt.datetime.now(dt.UTC)
        for report in reports:
            report.state, report.resolved_at, report.resolution_id = state, now, row.id
        await session.flush()
        for report in reports:
            resolved = events.ReportResolved(
                report_id=report.id,
                version=report.version,
                state=state,
                moderation_action_id=row.id,
            )
            await record(session, resolved)
        return await uow.commit((row, len(reports)))


async def _act(session: AsyncSession, command: ResolveReports, target: Target) -> ModerationAction:
    admin, reason = command.admin.uid, command.reason
    if command.action == "hide_photo":
        if target.photo is None:
            raise InvalidInput("action", "only a photo can be hidden; suspend the member instead")
        row = await audit(session, admin, "hide_photo", target.key, target.subject_uid, reason)
        if target.moderation != "hidden":
            await move(session, target, "hidden", row)
        return row
    if command.action == "suspend_member":
        user = await session.get(User, target.subject_uid, with_for_update=True)
        if user is None:
            raise NotFound(f"No member {target.subject_uid!r}.")
        row = await suspend_user(session, admin, user, True, reason)
    else:
        row = await audit(session, admin, "dismiss_reports", target.key, target.subject_uid, reason)
    # A hold waits for this review only: dismissed, it ends; after a suspension, the
    # suspension keeps the member out of view, and lifting it must not leave a stale hold.
    if target.moderation == "held":
        await move(session, target, "visible", row)
    return row
