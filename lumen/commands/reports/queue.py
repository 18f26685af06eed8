"""The moderation queue, for admins: open reports grouped by target, oldest first, and
resolving a group. Served from Postgres: reports are private, never search material."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, Parameter, PathParameter, QueryParameter

from lumen.auth.tokens import Caller
from lumen.commands import cursors
from lumen.commands.boundary import Cmds
from lumen.commands.errors import InvalidInput
from lumen.commands.moderation.handlers import AlreadyInState
from lumen.commands.moderation.routes import record_of
from lumen.commands.reports.handlers import ResolveReports, resolve_reports
from lumen.commands.reports.queued import GroupKey, groups
from lumen.commands.reports.structs import (
    Category,
    QueuePage,
    Resolved,
    ResolveIn,
    TargetKind,
)
from lumen.db.reports import TARGET_KINDS
from lumen.errors import NotFound
from lumen.http import Res, raises

Admin = NamedDependency[Caller]
PageSize = Annotated[int, Parameter(ge=1, le=50, description="Targets per page")]
Cursor = Annotated[str | None, Parameter(max_length=300, description="`next_cursor`, as it was")]


class _After(msgspec.Struct, array_like=True):
    first_reported_at: dt.datetime
    target_kind: str
    target_id: uuid.UUID


class ReportQueueController(Controller):
    path = "/v1/moderation/reports"
    tags = ["moderation"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/", operation_id="listReportQueue", summary="List open reports by target")
    async def queue(
        self,
        admin: Admin,
        resources: Res,
        category: Annotated[Category | None, QueryParameter(description="Kept if any")] = None,
        target_kind: Annotated[TargetKind | None, QueryParameter()] = None,
        page_size: PageSize = 20,
        cursor: Cursor = None,
    ) -> QueuePage:
        """Targets with open reports, longest waiting first; `category` keeps the targets
        with at least one report of it. Each group carries its member's moderation history."""
        after = cursors.decode(cursor, _After) if cursor is not None else None
        key = (
            GroupKey(after.first_reported_at, after.target_kind, after.target_id) if after else None
        )
        async with resources.sessions() as session:
            found = await groups(session, category, target_kind, page_size + 1, key)
        shown, more = found[:page_size], len(found) > page_size
        last = shown[-1] if more else None
        return QueuePage(
            items=shown,
            next_cursor=cursors.encode(
                _After(last.first_reported_at, last.target_kind, last.target_id)
            )
            if last
            else None,
        )

    @post(
        "/{target_kind:str}/{target_id:uuid}/resolve",
        operation_id="resolveReports",
        summary="Resolve a target's open reports",
        opt=raises(NotFound, InvalidInput, AlreadyInState),
    )
    async def resolve(
        self,
        commands: Cmds,
        admin: Admin,
        target_kind: Annotated[str, PathParameter(max_length=16, description="profile or photo")],
        target_id: Annotated[uuid.UUID, PathParameter(description="The reported target")],
        data: JSONBody[ResolveIn],
    ) -> Resolved:
        """Dismiss (a protective hide ends), hide the photo, or suspend its member: the
        action, its audit row, the reports' new state and the events commit together."""
        if target_kind not in TARGET_KINDS:
            raise NotFound(f"No reports on a {target_kind!r}.")
        command = ResolveReports(
            admin=admin,
            target_kind=target_kind,
            target_id=target_id,
            action=data.action,
            reason=data.reason,
        )
        row, count = await commands.run(resolve_reports, command)
        return Resolved(action=record_of(row), resolved=count)
