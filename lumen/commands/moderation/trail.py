"""The audit trail, for admins: every moderation action concerning a member, or taken by
an admin, newest first, a cursor page at a time. Served from the audit table."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import Parameter, PathParameter
from sqlalchemy import ColumnElement, select

from lumen.auth.tokens import Caller
from lumen.commands import cursors
from lumen.commands.moderation.routes import ModerationRecord, record_of
from lumen.db.users import ModerationAction
from lumen.http import Res

Admin = NamedDependency[Caller]
UserId = Annotated[str, PathParameter(max_length=128)]
PageSize = Annotated[int, Parameter(ge=1, le=100, description="Actions per page")]
Cursor = Annotated[str | None, Parameter(max_length=100, description="`next_cursor`, as it was")]


class TrailPage(msgspec.Struct, kw_only=True):
    items: list[ModerationRecord]
    next_cursor: str | None = None

    example: ClassVar[dict[str, Any]] = {"items": [ModerationRecord.example], "next_cursor": None}


class _After(msgspec.Struct, array_like=True):
    id: int


async def _page(
    resources: Res, where: ColumnElement[bool], page_size: int, cursor: str | None
) -> TrailPage:
    query = (
        select(ModerationAction)
        .where(where)
        .order_by(ModerationAction.id.desc())
        .limit(page_size + 1)
    )
    if cursor is not None:
        query = query.where(ModerationAction.id < cursors.decode(cursor, _After).id)
    async with resources.sessions() as session:
        rows = list((await session.scalars(query)).all())
    shown, more = rows[:page_size], len(rows) > page_size
    return TrailPage(
        items=[record_of(row) for row in shown],
        next_cursor=cursors.encode(_After(shown[-1].id)) if more else None,
    )


class AuditTrailController(Controller):
    path = "/v1/moderation"
    tags = ["moderation"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/users/{uid:str}/actions", operation_id="listMemberActions", summary="A member's trail")
    async def of_member(
        self,
        admin: Admin,
        resources: Res,
        uid: UserId,
        page_size: PageSize = 20,
        cursor: Cursor = None,
    ) -> TrailPage:
        """What moderation did to the member, their profile and their photos, holds included."""
        return await _page(resources, ModerationAction.subject_uid == uid, page_size, cursor)

    @get("/admins/{uid:str}/actions", operation_id="listAdminActions", summary="An admin's trail")
    async def of_admin(
        self,
        admin: Admin,
        resources: Res,
        uid: UserId,
        page_size: PageSize = 20,
        cursor: Cursor = None,
    ) -> TrailPage:
        """Every action the admin took."""
        return await _page(resources, ModerationAction.actor_uid == uid, page_size, cursor)
