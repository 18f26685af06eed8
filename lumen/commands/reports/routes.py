"""HTTP <-> filing a report, and the reporter's own list (`GET /v1/me/reports`).

The list is private data, not search material: it is served from the reports table, as
`GET /v1/me/photos` is from the photos table, newest first, a cursor page at a time."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

import msgspec
from litestar import Controller, Response, get, post
from litestar.openapi import ResponseSpec
from litestar.params import JSONBody, Parameter
from sqlalchemy import select, tuple_

from lumen.commands import cursors
from lumen.commands.boundary import Cmds
from lumen.commands.errors import InvalidInput
from lumen.commands.reports.handlers import FileReport, file_report
from lumen.commands.reports.structs import MyReportPage, ReportIn, ReportOut
from lumen.commands.reports.views import reporter_view
from lumen.db.reports import Report
from lumen.errors import NotFound
from lumen.http import Acc, Reader, Res, raises

PageSize = Annotated[int, Parameter(ge=1, le=50, description="Reports per page")]
Cursor = Annotated[str | None, Parameter(max_length=200, description="`next_cursor`, as it was")]


class _After(msgspec.Struct, array_like=True):
    created_at: dt.datetime
    id: uuid.UUID


class ReportController(Controller):
    path = "/v1/reports"
    tags = ["reports"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post(
        "/",
        operation_id="fileReport",
        summary="Report a profile or a photo",
        responses={200: ResponseSpec(ReportOut, description="Your open report on it, unchanged")},
        opt=raises(NotFound, InvalidInput),
    )
    async def create(
        self, data: JSONBody[ReportIn], account: Acc, commands: Cmds
    ) -> Response[ReportOut]:
        """201 for a new report; 200 with your open report when you already reported this
        target (one open report per member and target). The reported member never learns
        who reported."""
        command = FileReport(
            account=account,
            target_kind=data.target_kind,
            target_id=data.target_id,
            category=data.category,
            note=data.note.strip() or None if data.note is not None else None,
        )
        report, created = await commands.run(file_report, command)
        return Response(reporter_view(report), status_code=201 if created else 200)


class MyReportsController(Controller):
    path = "/v1/me/reports"
    tags = ["reports"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/", operation_id="listMyReports", summary="List my reports and their state")
    async def list_mine(
        self, reader: Reader, resources: Res, page_size: PageSize = 20, cursor: Cursor = None
    ) -> MyReportPage:
        """Newest first: open, dismissed or actioned. Follow `next_cursor` for more."""
        query = (
            select(Report)
            .where(Report.reporter_uid == reader.uid)
            .order_by(Report.created_at.desc(), Report.id.desc())
            .limit(page_size + 1)
        )
        if cursor is not None:
            after = cursors.decode(cursor, _After)
            query = query.where(tuple_(Report.created_at, Report.id) < (after.created_at, after.id))
        async with resources.sessions() as session:
            rows = list((await session.scalars(query)).all())
        shown, more = rows[:page_size], len(rows) > page_size
        last = _After(shown[-1].created_at, shown[-1].id) if more else None
        return MyReportPage(
            items=[reporter_view(r) for r in shown],
            next_cursor=cursors.encode(last) if last else None,
        )
