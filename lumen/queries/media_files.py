"""Serves variant files at their signed, content-hashed URLs, straight from storage.

The signature is the permission: whoever was handed the URL by the query side may fetch
the file until it expires. Nothing here reads a database or an index.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Response, get
from litestar.params import FromPath, Parameter, QueryParameter
from litestar.response import Stream

from lumen.errors import DomainError, NotFound
from lumen.http import ETAG, IfNoneMatch, Res, files, raises
from lumen.media import headers, urls
from lumen.media.backend import storage_for
from lumen.media.errors import InvalidKeyError
from lumen.media.formats import MediaType
from lumen.revalidation import not_modified

Query = Annotated[str, Parameter(description="Part of the signed URL, as it was handed out")]


class MediaUrlInvalid(DomainError):
    pass


class MediaUrlExpired(DomainError):
    pass


class MediaFileController(Controller):
    path = urls.MEDIA_PATH
    tags = ["media"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get(
        "/{key:str}",
        operation_id="getMediaFile",
        summary="Fetch a photo's image file by its signed URL",
        response_headers=[ETAG],
        opt=raises(NotFound, MediaUrlInvalid, MediaUrlExpired) | files(*MediaType),
    )
    async def file(
        self,
        key: FromPath[str],
        resources: Res,
        url_scope: Annotated[str, QueryParameter(name="scope")] = "",
        exp: Query = "",
        sig: Query = "",
        if_none_match: IfNoneMatch = None,
    ) -> Response[Any]:
        """The URL is the permission: use it exactly as a photo view handed it out, until
        it expires. Public files may be cached for ever (their bytes never change)."""
        try:
            signed = urls.verify(resources.settings.secret_key, key, url_scope, exp, sig)
            media_type = headers.media_type_of(key)
        except urls.UrlExpired:
            raise MediaUrlExpired("Ask for the photo again to get a fresh URL.") from None
        except urls.UrlInvalid:
            raise MediaUrlInvalid("Use the URL exactly as the API returned it.") from None
        except InvalidKeyError:
            raise NotFound("No such file.") from None
        storage = storage_for(resources.settings)
        if not await storage.exists(key):
            raise NotFound("No such file.")
        cache = (
            headers.IMMUTABLE
            if signed.scope is urls.Scope.PUBLIC
            else headers.restricted(signed.remaining_s)
        )
        found = headers.file_headers(key, cache)
        if not_modified(if_none_match, found["etag"]):
            return Response(None, status_code=304, headers=found)
        return Stream(storage.stream(key), media_type=media_type, headers=found)
