"""HTTP ↔ follow commands."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, ClassVar

import msgspec
from litestar import Controller, Response, delete, post
from litestar.openapi import ResponseSpec
from litestar.params import JSONBody, PathParameter

from lumen.commands.boundary import Cmds
from lumen.commands.errors import InvalidInput, ProfileRequired
from lumen.commands.follows.handlers import (
    FollowProfile,
    UnfollowProfile,
    follow_profile,
    unfollow_profile,
)
from lumen.errors import NotFound
from lumen.http import Acc, raises


class FollowIn(msgspec.Struct, forbid_unknown_fields=True):
    profile_id: uuid.UUID

    example: ClassVar[dict[str, Any]] = {"profile_id": "6f1c2b9e-8d3a-4a57-9a53-2f4b8f0c1d21"}


class FollowOut(msgspec.Struct):
    profile_id: uuid.UUID
    following: bool

    example: ClassVar[dict[str, Any]] = {**FollowIn.example, "following": True}


class FollowController(Controller):
    path = "/v1/follows"
    tags = ["follows"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post(
        "/",
        operation_id="follow",
        summary="Follow a profile",
        responses={200: ResponseSpec(FollowOut, description="Already following: nothing changed")},
        opt=raises(NotFound, InvalidInput, ProfileRequired),
    )
    async def create(
        self, data: JSONBody[FollowIn], account: Acc, commands: Cmds
    ) -> Response[FollowOut]:
        """201 when the follow is new, 200 when it already was; never oneself."""
        command = FollowProfile(account=account, profile_id=data.profile_id)
        created = await commands.run(follow_profile, command)
        return Response(FollowOut(data.profile_id, True), status_code=201 if created else 200)

    @delete(
        "/{profile_id:uuid}",
        operation_id="unfollow",
        summary="Stop following a profile",
        status_code=204,
        opt=raises(NotFound, ProfileRequired),
    )
    async def remove(
        self,
        profile_id: Annotated[uuid.UUID, PathParameter(description="Whom to stop following")],
        account: Acc,
        commands: Cmds,
    ) -> None:
        """Idempotent: not following already is fine."""
        await commands.run(
            unfollow_profile, UnfollowProfile(account=account, profile_id=profile_id)
        )
