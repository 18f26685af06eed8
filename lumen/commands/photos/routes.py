"""HTTP ↔ photo metadata commands."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from litestar import Controller, Response, delete, patch, post, put
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.auth.accounts import Account
from lumen.commands.photos import handlers
from lumen.commands.photos.structs import PhotoIn, PhotoOut, PhotoPatch
from lumen.commands.profiles.routes import IfMatch, Request_
from lumen.commands.transaction import run_command
from lumen.commands.versions import etag
from lumen.db.photos import Photo
from lumen.resources import Resources

PhotoId = Annotated[uuid.UUID, PathParameter(description="The photo's id")]
Res = NamedDependency[Resources]
Acc = NamedDependency[Account]


def photo_response(photo: Photo, status: int = 200) -> Response[Any]:
    headers = {"etag": etag(photo.version)}
    if status == 201:
        headers["location"] = f"/v1/photos/{photo.id}"
    return Response(handlers.owner_view(photo), status_code=status, headers=headers)


async def _command(
    request: Request_,
    resources: Resources,
    account: Account,
    body: object,
    change: Callable[[AsyncSession], Awaitable[Photo]],
    status: int = 200,
) -> Response[Any]:
    async def handle(session: AsyncSession) -> Response[Any]:
        return photo_response(await change(session), status)

    return await run_command(request, resources, account.uid, body, handle)


class PhotoController(Controller):
    path = "/v1/photos"
    tags = ["photos"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post("/", operation_id="createPhoto", status_code=201)
    async def create(
        self, request: Request_, data: JSONBody[PhotoIn], account: Acc, resources: Res
    ) -> Response[PhotoOut]:
        return await _command(
            request,
            resources,
            account,
            data,
            lambda s: handlers.create_photo(s, account, data),
            201,
        )

    @put("/{photo_id:uuid}", operation_id="replacePhoto")
    async def replace(
        self,
        request: Request_,
        photo_id: PhotoId,
        data: JSONBody[PhotoIn],
        account: Acc,
        resources: Res,
        if_match: IfMatch = None,
    ) -> Response[PhotoOut]:
        return await _command(
            request,
            resources,
            account,
            data,
            lambda s: handlers.update_photo(s, account, photo_id, if_match, data),
        )

    @patch("/{photo_id:uuid}", operation_id="patchPhoto")
    async def patch(
        self,
        request: Request_,
        photo_id: PhotoId,
        data: JSONBody[PhotoPatch],
        account: Acc,
        resources: Res,
        if_match: IfMatch = None,
    ) -> Response[PhotoOut]:
        return await _command(
            request,
            resources,
            account,
            data,
            lambda s: handlers.update_photo(s, account, photo_id, if_match, data),
        )

    @delete("/{photo_id:uuid}", operation_id="deletePhoto", status_code=204)
    async def remove(
        self, photo_id: PhotoId, account: Acc, resources: Res, if_match: IfMatch = None
    ) -> None:
        async with resources.sessions.begin() as session:
            await handlers.delete_photo(session, account, photo_id, if_match)
