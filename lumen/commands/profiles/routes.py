"""HTTP ↔ profile commands."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from litestar import Controller, Request, Response, delete, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import HeaderParameter, JSONBody, PathParameter
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.auth.accounts import Account
from lumen.auth.dependencies import load_account, signed_in
from lumen.auth.tokens import Caller
from lumen.commands.errors import NotFound
from lumen.commands.fields import LocationIn
from lumen.commands.profiles import handlers
from lumen.commands.profiles.structs import ProfileIn, ProfileOut, ProfilePatch, SpecialtiesIn
from lumen.commands.transaction import run_command
from lumen.commands.versions import etag
from lumen.db.profiles import Profile
from lumen.resources import Resources

ProfileId = Annotated[uuid.UUID, PathParameter(description="The profile's id")]
IfMatch = Annotated[
    str | None,
    HeaderParameter(name="If-Match", required=False, description="The ETag you last read"),
]
Res = NamedDependency[Resources]
Acc = NamedDependency[Account]
Request_ = Request[Any, Any, Any]
Change = Callable[[AsyncSession], Awaitable[Profile]]


async def _view(
    session: AsyncSession, profile: Profile, account: Account, status: int = 200
) -> Response[Any]:
    view = await handlers.owner_view(session, profile, account.role)
    headers = {"etag": etag(view.version)}
    if status == 201:
        headers["location"] = f"/v1/profiles/{view.id}"
    return Response(view, status_code=status, headers=headers)


async def _command(
    request: Request_,
    resources: Resources,
    account: Account,
    body: object,
    change: Change,
    status: int = 200,
) -> Response[Any]:
    async def handle(session: AsyncSession) -> Response[Any]:
        return await _view(session, await change(session), account, status)

    return await run_command(request, resources, account.uid, body, handle)


class ProfileController(Controller):
    path = "/v1/profiles"
    tags = ["profiles"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post("/", operation_id="createProfile", status_code=201)
    async def create(
        self, request: Request_, data: JSONBody[ProfileIn], account: Acc, resources: Res
    ) -> Response[ProfileOut]:
        return await _command(
            request,
            resources,
            account,
            data,
            lambda s: handlers.create_profile(s, account, data),
            201,
        )

    @put("/{profile_id:uuid}", operation_id="replaceProfile")
    async def replace(
        self,
        request: Request_,
        profile_id: ProfileId,
        data: JSONBody[ProfileIn],
        account: Acc,
        resources: Res,
        if_match: IfMatch = None,
    ) -> Response[ProfileOut]:
        return await _command(
            request,
            resources,
            account,
            data,
            lambda s: handlers.replace_profile(s, account, profile_id, if_match, data),
        )

    @patch("/{profile_id:uuid}", operation_id="patchProfile")
    async def patch(
        self,
        request: Request_,
        profile_id: ProfileId,
        data: JSONBody[ProfilePatch],
        account: Acc,
        resources: Res,
        if_match: IfMatch = None,
    ) -> Response[ProfileOut]:
        return await _command(
            request,
            resources,
            account,
            data,
            lambda s: handlers.patch_profile(s, account, profile_id, if_match, data),
        )

    @put("/{profile_id:uuid}/specialties", operation_id="setProfileSpecialties")
    async def set_specialties(
        self,
        request: Request_,
        profile_id: ProfileId,
        data: JSONBody[SpecialtiesIn],
        account: Acc,
        resources: Res,
        if_match: IfMatch = None,
    ) -> Response[ProfileOut]:
        return await _command(
            request,
            resources,
            account,
            data,
            lambda s: handlers.set_specialties(s, account, profile_id, if_match, data.specialties),
        )

    @put("/{profile_id:uuid}/location", operation_id="setProfileLocation")
    async def set_location(
        self,
        request: Request_,
        profile_id: ProfileId,
        data: JSONBody[LocationIn],
        account: Acc,
        resources: Res,
        if_match: IfMatch = None,
    ) -> Response[ProfileOut]:
        return await _command(
            request,
            resources,
            account,
            data,
            lambda s: handlers.set_location(s, account, profile_id, if_match, data),
        )

    @delete("/{profile_id:uuid}", operation_id="deleteProfile", status_code=204)
    async def remove(
        self, profile_id: ProfileId, account: Acc, resources: Res, if_match: IfMatch = None
    ) -> None:
        async with resources.sessions.begin() as session:
            await handlers.delete_profile(session, account, profile_id, if_match)


class MyProfileController(Controller):
    """The owner's own profile, as they edit it (private fields included)."""

    path = "/v1/me/profile"
    tags = ["profiles"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/", operation_id="getMyProfile", cache=False)
    async def mine(
        self, caller: NamedDependency[Caller | None], resources: Res
    ) -> Response[ProfileOut]:
        # Reading is allowed while suspended (only writes are refused), as for GET /v1/me.
        account = await load_account(resources, signed_in(caller))
        async with resources.sessions() as session:
            profile = await session.scalar(select(Profile).where(Profile.user_uid == account.uid))
            if profile is None:
                raise NotFound("You have no profile yet; create one with POST /v1/profiles.")
            return await _view(session, profile, account)
