"""HTTP <-> moderation commands, for admins only (the `admin` dependency)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, ClassVar

import msgspec
from litestar import Controller, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, PathParameter

from lumen.auth.tokens import Caller
from lumen.commands.boundary import Cmds
from lumen.commands.moderation.changes import AlreadyInState
from lumen.commands.moderation.handlers import (
    ModeratePhoto,
    ModerateUser,
    moderate_photo,
    moderate_user,
)
from lumen.db.users import ModerationAction
from lumen.errors import NotFound
from lumen.http import raises

Reason = Annotated[str, msgspec.Meta(min_length=1, max_length=2000, pattern=r"\S")]


class ModerationRequest(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    reason: Reason

    example: ClassVar[dict[str, Any]] = {"reason": "Spam links in every caption."}


class ModerationRecord(msgspec.Struct, kw_only=True):
    id: int
    action: str
    target_type: str
    target_id: str
    reason: str
    actor_uid: str
    subject_uid: str | None
    created_at: dt.datetime

    example: ClassVar[dict[str, Any]] = {
        "id": 17,
        "action": "hide_photo",
        "target_type": "photo",
        "target_id": "0d4e5c3a-7b21-4f6e-8a9d-1c2b3a4f5e6d",
        "reason": "Spam links in every caption.",
        "actor_uid": "admin-7Qm2",
        "subject_uid": "member-3Kd9",
        "created_at": "2026-11-29T08:30:00Z",
    }


def record_of(row: ModerationAction) -> ModerationRecord:
    return ModerationRecord(
        id=row.id,
        action=row.action,
        target_type=row.target_type,
        target_id=row.target_id,
        reason=row.reason,
        actor_uid=row.actor_uid,
        subject_uid=row.subject_uid,
        created_at=row.created_at,
    )


UserId = Annotated[str, PathParameter(max_length=128)]
PhotoId = FromPath[uuid.UUID]
Admin = NamedDependency[Caller]


class ModerationController(Controller):
    path = "/v1/moderation"
    tags = ["moderation"]  # noqa: RUF012 - Litestar reads it as a class attribute
    opt = raises(NotFound, AlreadyInState)

    @post("/users/{uid:str}/suspend", operation_id="suspendUser", summary="Suspend a member")
    async def suspend(
        self, commands: Cmds, admin: Admin, uid: UserId, data: JSONBody[ModerationRequest]
    ) -> ModerationRecord:
        """Refuses the member's writes from now on (they can still read why); audited."""
        command = ModerateUser(admin=admin, uid=uid, suspend=True, reason=data.reason)
        return record_of(await commands.run(moderate_user, command))

    @post("/users/{uid:str}/unsuspend", operation_id="unsuspendUser", summary="Lift a suspension")
    async def unsuspend(
        self, commands: Cmds, admin: Admin, uid: UserId, data: JSONBody[ModerationRequest]
    ) -> ModerationRecord:
        """The member may write again; audited."""
        command = ModerateUser(admin=admin, uid=uid, suspend=False, reason=data.reason)
        return record_of(await commands.run(moderate_user, command))

    @post("/photos/{photo_id:uuid}/hide", operation_id="hidePhoto", summary="Hide a photo")
    async def hide(
        self, commands: Cmds, admin: Admin, photo_id: PhotoId, data: JSONBody[ModerationRequest]
    ) -> ModerationRecord:
        """Takes the photo out of every public view and search; audited."""
        command = ModeratePhoto(admin=admin, photo_id=photo_id, hide=True, reason=data.reason)
        return record_of(await commands.run(moderate_photo, command))

    @post(
        "/photos/{photo_id:uuid}/unhide", operation_id="unhidePhoto", summary="Show a photo again"
    )
    async def unhide(
        self, commands: Cmds, admin: Admin, photo_id: PhotoId, data: JSONBody[ModerationRequest]
    ) -> ModerationRecord:
        """Undoes a hide; audited."""
        command = ModeratePhoto(admin=admin, photo_id=photo_id, hide=False, reason=data.reason)
        return record_of(await commands.run(moderate_photo, command))
