"""One profile or photo by its id, as the caller may see it: from the index, with an ETag
from the document's version. Anything the caller may not see is simply not found."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Response, get
from litestar.params import Parameter

from lumen.errors import NotFound
from lumen.http import ETAG, IfNoneMatch, Res, raises
from lumen.media import urls
from lumen.queries import audience, results
from lumen.queries.audience import Viewing
from lumen.queries.views import PhotoView, ProfileView, photo_view, profile_view
from lumen.revalidation import unless_current

ProfileId = Annotated[uuid.UUID, Parameter(description="The profile's id")]
PhotoId = Annotated[uuid.UUID, Parameter(description="The photo's id")]


async def _one(
    resources: Res, name: str, ident: uuid.UUID, filters: list[dict[str, Any]]
) -> dict[str, Any]:
    body = {"size": 1, "query": {"bool": {"filter": [{"ids": {"values": [str(ident)]}}, *filters]}}}
    listed = results.hits(await results.search(resources, name, body))
    if not listed:
        raise NotFound(f"No {name[:-1]} with this id, or not one you may see.")
    return listed[0]


def _respond(if_none_match: str | None, content: Any, etag: str, restricted: bool) -> Response[Any]:
    headers = {
        "etag": etag,
        # Always revalidated; followers-only content never enters a shared cache.
        "cache-control": "private, no-cache" if restricted else "no-cache",
        "vary": "authorization",
    }
    return unless_current(if_none_match, Response(content, headers=headers))


# Plain handlers rather than controllers: these paths also carry the owners' writes, and
# Litestar merges a plain handler into an existing path where a second controller clashes.
_READ = raises(NotFound, results.SearchUnavailable)


@get(
    "/v1/profiles/{profile_id:uuid}",
    operation_id="getProfile",
    summary="Read a profile",
    tags=["profiles"],
    cache=False,
    response_headers=[ETAG],
    opt=_READ,
)
async def read_profile(
    profile_id: ProfileId, resources: Res, viewer: Viewing, if_none_match: IfNoneMatch = None
) -> Response[ProfileView]:
    """A profile as the caller may see it; followers-only profiles to followers."""
    hit = await _one(resources, "profiles", profile_id, audience.viewable_profile(viewer))
    view = profile_view(hit)
    etag = f'"p{hit["_source"]["doc_version"]}"'
    return _respond(if_none_match, view, etag, view.visibility != "public")


@get(
    "/v1/photos/{photo_id:uuid}",
    operation_id="getPhoto",
    summary="Read a photo",
    tags=["photos"],
    cache=False,
    response_headers=[ETAG],
    opt=_READ,
)
async def read_photo(
    photo_id: PhotoId, resources: Res, viewer: Viewing, if_none_match: IfNoneMatch = None
) -> Response[PhotoView]:
    """A photo as the caller may see it, with signed variant URLs; followers-only photos to
    the owner's followers."""
    hit = await _one(resources, "photos", photo_id, audience.visible_photos(viewer))
    view = photo_view(hit, resources.settings.secret_key)
    # The signed URLs change when their expiry bucket does, and with them the body.
    expires = urls.expiry(urls.scope_of(view.visibility))
    etag = f'"f{hit["_source"]["doc_version"]}-{expires}"'
    return _respond(if_none_match, view, etag, view.visibility != "public")
