"""HTTP <-> moderation commands, for admins only (the `admin` dependency)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

import msgspec
from litestar import Controller, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, PathParameter

from lumen.auth.tokens import Caller
from lumen.commands.moderation.handlers import set_photo_moderation, set_user_status
from lumen.db.users import ModerationAction
from lumen.resources import Resources

Reason = Annotated[str, msgspec.Meta(min_length=1, max_length=2000, pattern=r"\S")]


class ModerationRequest(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    reason: Reason


class ModerationRecord(msgspec.Struct, kw_only=True):
    id: int
    action: str
    target_type: str
    target_id: str
    reason: str
    actor_uid: str
    created_at: dt.datetime


def _record_of(row: ModerationAction) -> ModerationRecord:
    return ModerationRecord(
        id=row.id,
        action=row.action,
        target_type=row.target_type,
        target_id=row.target_id,
        reason=row.reason,
        actor_uid=row.actor_uid,
        created_at=row.created_at,
    )


UserId = Annotated[str, PathParameter(max_length=128)]


class ModerationController(Controller):
    path = "/v1/moderation"
    tags = ["moderation"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post("/users/{uid:str}/suspend", operation_id="suspendUser")
    async def suspend(
        self,
        resources: NamedDependency[Resources],
        admin: NamedDependency[Caller],
        uid: UserId,
        data: JSONBody[ModerationRequest],
    ) -> ModerationRecord:
        return _record_of(await set_user_status(resources, admin, uid, True, data.reason))

    @post("/users/{uid:str}/unsuspend", operation_id="unsuspendUser")
    async def unsuspend(
        self,
        resources: NamedDependency[Resources],
        admin: NamedDependency[Caller],
        uid: UserId,
        data: JSONBody[ModerationRequest],
    ) -> ModerationRecord:
        return _record_of(await set_user_status(resources, admin, uid, False, data.reason))

    @post("/photos/{photo_id:uuid}/hide", operation_id="hidePhoto")
    async def hide(
        self,
        resources: NamedDependency[Resources],
        admin: NamedDependency[Caller],
        photo_id: FromPath[uuid.UUID],
        data: JSONBody[ModerationRequest],
    ) -> ModerationRecord:
        return _record_of(await set_photo_moderation(resources, admin, photo_id, True, data.reason))

    @post("/photos/{photo_id:uuid}/unhide", operation_id="unhidePhoto")
    async def unhide(
        self,
        resources: NamedDependency[Resources],
        admin: NamedDependency[Caller],
        photo_id: FromPath[uuid.UUID],
        data: JSONBody[ModerationRequest],
    ) -> ModerationRecord:
        return _record_of(
            await set_photo_moderation(resources, admin, photo_id, False, data.reason)
        )
