"""HTTP ↔ photo metadata commands."""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, Response, delete, patch, post, put
from litestar.params import JSONBody, PathParameter

from lumen.commands.boundary import Cmds
from lumen.commands.editor import Ed
from lumen.commands.errors import InvalidInput, NotFound, ProfileRequired
from lumen.commands.idempotency import run_once
from lumen.commands.photos.handlers import (
    CreatePhoto,
    DeletePhoto,
    UpdatePhoto,
    create_photo,
    delete_photo,
    update_photo,
)
from lumen.commands.photos.structs import PhotoIn, PhotoOut, PhotoPatch
from lumen.commands.photos.views import tagged_photo
from lumen.http import ETAG, LOCATION, Acc, IdempotencyKey, raises

PhotoId = Annotated[uuid.UUID, PathParameter(description="The photo's id")]


def created(view: PhotoOut) -> Response[PhotoOut]:
    return tagged_photo(view, 201, f"/v1/photos/{view.id}")


class PhotoController(Controller):
    path = "/v1/photos"
    tags = ["photos"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post(
        "/",
        operation_id="createPhoto",
        summary="Add a photo (its metadata)",
        status_code=201,
        response_headers=[ETAG, LOCATION],
        opt=raises(ProfileRequired, InvalidInput),
    )
    async def create(
        self,
        data: JSONBody[PhotoIn],
        account: Acc,
        commands: Cmds,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[PhotoOut]:
        """The photo is a `draft` until its file is uploaded with
        `PUT /v1/photos/{photo_id}/original` and processed."""
        command = CreatePhoto(account=account, photo=data)
        return await run_once(
            commands, create_photo, command, created, caller_uid=account.uid, key=idempotency_key
        )

    @put(
        "/{photo_id:uuid}",
        operation_id="replacePhoto",
        summary="Replace a photo's metadata",
        response_headers=[ETAG],
        opt=raises(NotFound, InvalidInput),
    )
    async def replace(
        self, photo_id: PhotoId, data: JSONBody[PhotoIn], editor: Ed, commands: Cmds
    ) -> Response[PhotoOut]:
        """Every field as sent; absent fields get their defaults."""
        command = UpdatePhoto(editor=editor, photo_id=photo_id, changes=data)
        return tagged_photo(await commands.run(update_photo, command))

    @patch(
        "/{photo_id:uuid}",
        operation_id="patchPhoto",
        summary="Change some of a photo's metadata",
        response_headers=[ETAG],
        opt=raises(NotFound, InvalidInput),
    )
    async def patch(
        self, photo_id: PhotoId, data: JSONBody[PhotoPatch], editor: Ed, commands: Cmds
    ) -> Response[PhotoOut]:
        """Absent fields stay as they are; `null` clears a field that may be empty. A
        `location` of only `{"precision": …}` shows the coordinates Lumen already holds
        (from the file's GPS, say) at that precision."""
        command = UpdatePhoto(editor=editor, photo_id=photo_id, changes=data)
        return tagged_photo(await commands.run(update_photo, command))

    @delete(
        "/{photo_id:uuid}",
        operation_id="deletePhoto",
        summary="Delete a photo",
        status_code=204,
        opt=raises(NotFound),
    )
    async def remove(self, photo_id: PhotoId, editor: Ed, commands: Cmds) -> None:
        """Its files go with the daily sweep, the GPS of its original with them."""
        await commands.run(delete_photo, DeletePhoto(editor=editor, photo_id=photo_id))
