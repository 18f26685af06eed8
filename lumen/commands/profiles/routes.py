"""HTTP ↔ profile commands."""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, Response, delete, get, patch, post, put
from litestar.params import JSONBody, PathParameter
from sqlalchemy import select

from lumen.auth.dependencies import load_account, signed_in
from lumen.auth.errors import RegistrationRequired, Unauthenticated
from lumen.commands.boundary import Cmds
from lumen.commands.editor import Ed
from lumen.commands.errors import Conflict, InvalidInput, NotFound
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
from lumen.http import ETAG, LOCATION, Acc, IdempotencyKey, IfNoneMatch, Res, Who, raises
from lumen.revalidation import unless_current

ProfileId = Annotated[uuid.UUID, PathParameter(description="The profile's id")]


def created(view: ProfileOut) -> Response[ProfileOut]:
    return tagged(view, 201, f"/v1/profiles/{view.id}")


class ProfileController(Controller):
    path = "/v1/profiles"
    tags = ["profiles"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post(
        "/",
        operation_id="createProfile",
        summary="Create my profile",
        status_code=201,
        response_headers=[ETAG, LOCATION],
        opt=raises(Conflict, InvalidInput),
    )
    async def create(
        self,
        data: JSONBody[ProfileIn],
        account: Acc,
        commands: Cmds,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[ProfileOut]:
        """One profile per account. `attributes` are those of the account's role."""
        command = CreateProfile(account=account, profile=data)
        return await run_once(
            commands, create_profile, command, created, caller_uid=account.uid, key=idempotency_key
        )

    @put(
        "/{profile_id:uuid}",
        operation_id="replaceProfile",
        summary="Replace my profile",
        response_headers=[ETAG],
        opt=raises(NotFound, InvalidInput),
    )
    async def replace(
        self, profile_id: ProfileId, data: JSONBody[ProfileIn], editor: Ed, commands: Cmds
    ) -> Response[ProfileOut]:
        """Every field as sent; absent fields get their defaults."""
        command = ReplaceProfile(editor=editor, profile_id=profile_id, profile=data)
        return tagged(await commands.run(change_profile, command))

    @patch(
        "/{profile_id:uuid}",
        operation_id="patchProfile",
        summary="Change some fields of my profile",
        response_headers=[ETAG],
        opt=raises(NotFound, InvalidInput),
    )
    async def patch(
        self, profile_id: ProfileId, data: JSONBody[ProfilePatch], editor: Ed, commands: Cmds
    ) -> Response[ProfileOut]:
        """Absent fields stay as they are; `null` clears a field that may be empty."""
        command = UpdateProfile(editor=editor, profile_id=profile_id, patch=data)
        return tagged(await commands.run(change_profile, command))

    @put(
        "/{profile_id:uuid}/specialties",
        operation_id="setProfileSpecialties",
        summary="Choose my specialties",
        response_headers=[ETAG],
        opt=raises(NotFound, InvalidInput),
    )
    async def set_specialties(
        self, profile_id: ProfileId, data: JSONBody[SpecialtiesIn], editor: Ed, commands: Cmds
    ) -> Response[ProfileOut]:
        """Slugs of the seeded taxonomy, kept in the order given."""
        specialties = data.specialties
        command = SetSpecialties(editor=editor, profile_id=profile_id, specialties=specialties)
        return tagged(await commands.run(change_profile, command))

    @put(
        "/{profile_id:uuid}/location",
        operation_id="setProfileLocation",
        summary="Set where my profile is shown",
        response_headers=[ETAG],
        opt=raises(NotFound, InvalidInput),
    )
    async def set_location(
        self, profile_id: ProfileId, data: JSONBody[LocationIn], editor: Ed, commands: Cmds
    ) -> Response[ProfileOut]:
        """A `city_id`, or `latitude`/`longitude` with the `precision` they may be shown at:
        `exact` (a photographer's studio only), `approximate` (~1 km), `city` or `hidden`."""
        command = SetLocation(editor=editor, profile_id=profile_id, location=data)
        return tagged(await commands.run(change_profile, command))

    @delete(
        "/{profile_id:uuid}",
        operation_id="deleteProfile",
        summary="Delete my profile",
        status_code=204,
        opt=raises(NotFound),
    )
    async def remove(self, profile_id: ProfileId, editor: Ed, commands: Cmds) -> None:
        """Its photos and follows go with it."""
        await commands.run(delete_profile, DeleteProfile(editor=editor, profile_id=profile_id))


class MyProfileController(Controller):
    """The owner's own profile, as they edit it (private fields included)."""

    path = "/v1/me/profile"
    tags = ["profiles"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get(
        "/",
        operation_id="getMyProfile",
        summary="Read my profile as I edit it",
        cache=False,
        response_headers=[ETAG],
        opt=raises(Unauthenticated, RegistrationRequired, NotFound),
    )
    async def mine(
        self, caller: Who, resources: Res, if_none_match: IfNoneMatch = None
    ) -> Response[ProfileOut]:
        """Private fields included; its ETag is what If-Match wants (and If-None-Match, a
        304 until the profile changes)."""
        # Reading is allowed while suspended (only writes are refused), as for GET /v1/me.
        account = await load_account(resources, signed_in(caller))
        async with resources.sessions() as session:
            profile = await session.scalar(select(Profile).where(Profile.user_uid == account.uid))
            if profile is None:
                raise NotFound("You have no profile yet; create one with POST /v1/profiles.")
            view = await owner_view(session, profile, account.role)
        return unless_current(if_none_match, tagged(view))
