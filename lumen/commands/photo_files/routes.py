"""HTTP ↔ a photo's original file, and the owner's own view of a photo while it processes."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, put
from litestar.response import Stream

from lumen.commands.photo_files import handlers
from lumen.commands.photo_files.errors import NoOriginal
from lumen.commands.photos.routes import Acc, PhotoId, Res
from lumen.commands.photos.structs import PhotoOut
from lumen.commands.profiles.routes import IfMatch
from lumen.commands.versions import etag
from lumen.db.photos import Photo
from lumen.media import headers
from lumen.media.backend import storage_for
from lumen.settings import Settings

UPLOAD_DESCRIPTION = (
    "The image file itself as the raw request body (JPEG, PNG, WebP, HEIC/HEIF or AVIF; the"
    " type is read from the content). Answers 202 with the photo in `processing`; poll"
    " GET /v1/me/photos/{photo_id} until it is `ready` or `failed`."
)


def _view(photo: Photo, settings: Settings, status: int = 200) -> Response[PhotoOut]:
    view = handlers.owner_view_with_urls(photo, settings.secret_key)
    return Response(view, status_code=status, headers={"etag": etag(photo.version)})


class PhotoOriginalController(Controller):
    path = "/v1/photos/{photo_id:uuid}/original"
    tags = ["photos"]  # noqa: RUF012 - Litestar reads it as a class attribute

    # The cap is the upload's own (settings.max_upload_bytes), enforced while streaming.
    @put(
        "/",
        operation_id="uploadPhotoOriginal",
        status_code=202,
        request_max_body_size=None,
        description=UPLOAD_DESCRIPTION,
    )
    async def upload(
        self,
        request: Request[Any, Any, Any],
        photo_id: PhotoId,
        account: Acc,
        resources: Res,
        if_match: IfMatch = None,
    ) -> Response[PhotoOut]:
        settings = resources.settings
        await handlers.load_owned(resources, account, photo_id)
        handlers.check_declared_length(
            request.headers.get("content-length"), settings.max_upload_bytes
        )
        upload = await handlers.receive_original(
            request.stream(), storage_for(settings), settings.max_upload_bytes
        )
        async with resources.sessions.begin() as session:
            photo = await handlers.attach_original(session, account, photo_id, if_match, upload)
        await handlers.start_processing(resources, photo)
        return _view(photo, settings, 202)

    @get("/", operation_id="downloadPhotoOriginal")
    async def download(
        self, request: Request[Any, Any, Any], photo_id: PhotoId, account: Acc, resources: Res
    ) -> Response[Any]:
        photo = await handlers.load_owned(resources, account, photo_id)
        storage = storage_for(resources.settings)
        key = photo.original_key
        if key is None or not await storage.exists(key):
            raise NoOriginal("Upload the file with PUT to this address first.")
        found = headers.file_headers(key, headers.OWNER_ONLY)
        if headers.not_modified(request.headers.get("if-none-match"), found["etag"]):
            return Response(None, status_code=304, headers=found)
        return Stream(storage.stream(key), media_type=headers.media_type_of(key), headers=found)


class MyPhotoController(Controller):
    path = "/v1/me/photos"
    tags = ["photos"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/{photo_id:uuid}", operation_id="getMyPhoto")
    async def read(self, photo_id: PhotoId, account: Acc, resources: Res) -> Response[PhotoOut]:
        """The owner's view of one of their photos, in any state: poll it after an upload."""
        photo = await handlers.load_owned(resources, account, photo_id)
        return _view(photo, resources.settings)
