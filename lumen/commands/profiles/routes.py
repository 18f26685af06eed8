"""HTTP ↔ profile commands."""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, Response, delete, get, patch, post, put
from litestar.params import JSONBody, PathParameter
from sqlalchemy import select

from lumen.auth.dependencies import load_account, signed_in
from lumen.commands.boundary import Cmds
from lumen.commands.editor import Ed
from lumen.commands.errors import NotFound
from lumen.commands.fields import LocationIn
from lumen.commands.idempotency import run_once
from lumen.commands.profiles.handlers import (
    CreateProfile,
    DeleteProfile,
    ReplaceProfile,
    SetLocation,
    SetSpecialties,
    UpdateProfile,
    change_profile,
    create_profile,
    delete_profile,
)
from lumen.commands.profiles.structs import ProfileIn, ProfileOut, ProfilePatch, SpecialtiesIn
from lumen.commands.profiles.views import owner_view
from lumen.commands.versions import tagged
from lumen.db.profiles import Profile
from lumen.http import Acc, IdempotencyKey, Res, Who

ProfileId = Annotated[uuid.UUID, PathParameter(description="The profile's id")]


def created(view: ProfileOut) -> Response[ProfileOut]:
    return tagged(view, 201, f"/v1/profiles/{view.id}")


class ProfileController(Controller):
    path = "/v1/profiles"
    tags = ["profiles"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post("/", operation_id="createProfile", status_code=201)
    async def create(
        self,
        data: JSONBody[ProfileIn],
        account: Acc,
        commands: Cmds,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[ProfileOut]:
        command = CreateProfile(account=account, profile=data)
        return await run_once(
            commands, create_profile, command, created, caller_uid=account.uid, key=idempotency_key
        )

    @put("/{profile_id:uuid}", operation_id="replaceProfile")
    async def replace(
        self, profile_id: ProfileId, data: JSONBody[ProfileIn], editor: Ed, commands: Cmds
    ) -> Response[ProfileOut]:
        command = ReplaceProfile(editor=editor, profile_id=profile_id, profile=data)
        return tagged(await commands.run(change_profile, command))

    @patch("/{profile_id:uuid}", operation_id="patchProfile")
    async def patch(
        self, profile_id: ProfileId, data: JSONBody[ProfilePatch], editor: Ed, commands: Cmds
    ) -> Response[ProfileOut]:
        command = UpdateProfile(editor=editor, profile_id=profile_id, patch=data)
        return tagged(await commands.run(change_profile, command))

    @put("/{profile_id:uuid}/specialties", operation_id="setProfileSpecialties")
    async def set_specialties(
        self, profile_id: ProfileId, data: JSONBody[SpecialtiesIn], editor: Ed, commands: Cmds
    ) -> Response[ProfileOut]:
        specialties = data.specialties
        command = SetSpecialties(editor=editor, profile_id=profile_id, specialties=specialties)
        return tagged(await commands.run(change_profile, command))

    @put("/{profile_id:uuid}/location", operation_id="setProfileLocation")
    async def set_location(
        self, profile_id: ProfileId, data: JSONBody[LocationIn], editor: Ed, commands: Cmds
    ) -> Response[ProfileOut]:
        command = SetLocation(editor=editor, profile_id=profile_id, location=data)
        return tagged(await commands.run(change_profile, command))

    @delete("/{profile_id:uuid}", operation_id="deleteProfile", status_code=204)
    async def remove(self, profile_id: ProfileId, editor: Ed, commands: Cmds) -> None:
        await commands.run(delete_profile, DeleteProfile(editor=editor, profile_id=profile_id))


class MyProfileController(Controller):
    """The owner's own profile, as they edit it (private fields included)."""

    path = "/v1/me/profile"
    tags = ["profiles"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/", operation_id="getMyProfile", cache=False)
    async def mine(self, caller: Who, resources: Res) -> Response[ProfileOut]:
        # Reading is allowed while suspended (only writes are refused), as for GET /v1/me.
        account = await load_account(resources, signed_in(caller))
        async with resources.sessions() as session:
            profile = await session.scalar(select(Profile).where(Profile.user_uid == account.uid))
            if profile is None:
                raise NotFound("You have no profile yet; create one with POST /v1/profiles.")
            return tagged(await owner_view(session, profile, account.role))
