"""Serves variant files at their signed, content-hashed URLs, straight from storage.

The signature is the permission: whoever was handed the URL by the query side may fetch
the file until it expires. Nothing here reads a database or an index.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath, Parameter, QueryParameter
from litestar.response import Stream

from lumen.media import headers, urls
from lumen.media.backend import storage_for
from lumen.media.errors import InvalidKeyError
from lumen.problems import DomainError
from lumen.resources import Resources

Query = Annotated[str, Parameter(description="Part of the signed URL, as it was handed out")]


class MediaUrlInvalid(DomainError):
    status = 403
    slug = "media-url-invalid"
    title = "This media URL is not valid"


class MediaUrlExpired(DomainError):
    status = 403
    slug = "media-url-expired"
    title = "This media URL has expired"


class MediaNotFound(DomainError):
    status = 404
    slug = "not-found"
    title = "Not found"


class MediaFileController(Controller):
    path = urls.MEDIA_PATH
    tags = ["media"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/{key:str}", operation_id="getMediaFile")
    async def file(
        self,
        request: Request[Any, Any, Any],
        key: FromPath[str],
        resources: NamedDependency[Resources],
        url_scope: Annotated[str, QueryParameter(name="scope")] = "",
        exp: Query = "",
        sig: Query = "",
    ) -> Response[Any]:
        try:
            signed = urls.verify(resources.settings.secret_key, key, url_scope, exp, sig)
            media_type = headers.media_type_of(key)
        except urls.UrlExpired:
            raise MediaUrlExpired("Ask for the photo again to get a fresh URL.") from None
        except urls.UrlInvalid:
            raise MediaUrlInvalid("Use the URL exactly as the API returned it.") from None
        except InvalidKeyError:
            raise MediaNotFound("No such file.") from None
        storage = storage_for(resources.settings)
        if not await storage.exists(key):
            raise MediaNotFound("No such file.")
        cache = (
            headers.IMMUTABLE
            if signed.scope is urls.Scope.PUBLIC
            else headers.restricted(signed.remaining_s)
        )
        found = headers.file_headers(key, cache)
        if headers.not_modified(request.headers.get("if-none-match"), found["etag"]):
            return Response(None, status_code=304, headers=found)
        return Stream(storage.stream(key), media_type=media_type, headers=found)
