"""HTTP ↔ a photo's original file, and the owner's own view of a photo while it processes."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Response, get, put
from litestar.response import Stream

from lumen.commands.boundary import Cmds
from lumen.commands.editor import Ed
from lumen.commands.errors import NotFound
from lumen.commands.photo_files.errors import (
    InvalidLength,
    NoOriginal,
    UnsupportedImage,
    UploadTooLarge,
)
from lumen.commands.photo_files.upload import read_own, receive_original
from lumen.commands.photos.routes import PhotoId
from lumen.commands.photos.structs import PhotoOut
from lumen.commands.photos.views import owner_view, tagged_photo
from lumen.http import ETAG, IfNoneMatch, Reader, Req, Res, files, raises, uploads
from lumen.media import headers
from lumen.media.backend import storage_for
from lumen.media.formats import MediaType
from lumen.revalidation import not_modified, unless_current

UPLOAD_DESCRIPTION = (
    "The image file itself as the raw request body (JPEG, PNG, WebP, HEIC/HEIF or AVIF; the"
    " type is read from the content). Answers 202 with the photo in `processing`; poll"
    " GET /v1/me/photos/{photo_id} until it is `ready` or `failed`."
)


class PhotoOriginalController(Controller):
    path = "/v1/photos/{photo_id:uuid}/original"
    tags = ["photos"]  # noqa: RUF012 - Litestar reads it as a class attribute

    # The cap is the upload's own (settings.max_upload_bytes), enforced while streaming.
    @put(
        "/",
        operation_id="uploadPhotoOriginal",
        summary="Upload a photo's image file",
        status_code=202,
        response_headers=[ETAG],
        opt=raises(NotFound, InvalidLength, UploadTooLarge, UnsupportedImage) | uploads(*MediaType),
        request_max_body_size=None,
        description=UPLOAD_DESCRIPTION,
    )
    async def upload(
        self, request: Req, photo_id: PhotoId, editor: Ed, commands: Cmds
    ) -> Response[PhotoOut]:
        length = request.headers.get("content-length")
        view = await receive_original(commands, editor, photo_id, request.stream(), length)
        return tagged_photo(view, 202)

    @get(
        "/",
        operation_id="downloadPhotoOriginal",
        summary="Download a photo's original file",
        response_headers=[ETAG],
        opt=raises(NotFound, NoOriginal) | files(*MediaType),
    )
    async def download(
        self, photo_id: PhotoId, reader: Reader, resources: Res, if_none_match: IfNoneMatch = None
    ) -> Response[Any]:
        """The file as it was uploaded, for its owner only (anyone else gets 404)."""
        photo = await read_own(resources.sessions, reader, photo_id)
        storage = storage_for(resources.settings)
        key = photo.original_key
        if key is None or not await storage.exists(key):
            raise NoOriginal("Upload the file with PUT to this address first.")
        found = headers.file_headers(key, headers.OWNER_ONLY)
        if not_modified(if_none_match, found["etag"]):
            return Response(None, status_code=304, headers=found)
        return Stream(storage.stream(key), media_type=headers.media_type_of(key), headers=found)


class MyPhotoController(Controller):
    path = "/v1/me/photos"
    tags = ["photos"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get(
        "/{photo_id:uuid}",
        operation_id="getMyPhoto",
        summary="Read one of my photos in any state",
        response_headers=[ETAG],
        opt=raises(NotFound),
    )
    async def read(
        self, photo_id: PhotoId, reader: Reader, resources: Res, if_none_match: IfNoneMatch = None
    ) -> Response[PhotoOut]:
        """The owner's view of one of their photos, in any state: poll it after an upload
        (with If-None-Match, a 304 until it changes)."""
        photo = await read_own(resources.sessions, reader, photo_id)
        async with resources.sessions() as session:
            view = await owner_view(session, photo, resources.settings.secret_key)
        return unless_current(if_none_match, tagged_photo(view))
