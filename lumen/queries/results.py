"""Running a built query and shaping its answer into a page of views."""

from __future__ import annotations

from typing import Any

from litestar import Request

from lumen.queries import cursors, engine_calls
from lumen.queries.audience import Viewer
from lumen.queries.hits import facets, photo_view, profile_view
from lumen.queries.paging import Page
from lumen.queries.views import PhotoPage, ProfilePage
from lumen.resources import Resources


def page_of(
    request: Request[Any, Any, Any],
    resources: Resources,
    viewer: Viewer,
    page_size: int,
    cursor: str | None,
) -> Page:
    bound_to = cursors.fingerprint(
        request.url.path, list(request.query_params.multi_items()), viewer.uid
    )
    return Page.open(resources.settings.secret_key, bound_to, page_size, cursor)


async def profiles(resources: Resources, body: dict[str, Any], page: Page) -> ProfilePage:
    found = await engine_calls.search(resources.search, resources.settings, "profiles", body)
    listed = engine_calls.hits(found)
    total, exact = engine_calls.total(found)
    return ProfilePage(
        items=[profile_view(hit) for hit in listed[: page.size]],
        next_cursor=page.next_cursor(resources.settings.secret_key, listed),
        total=total,
        total_exact=exact,
        facets=facets(found.get("aggregations", {})),
    )


async def photos(resources: Resources, body: dict[str, Any], page: Page) -> PhotoPage:
    secret_key = resources.settings.secret_key
    found = await engine_calls.search(resources.search, resources.settings, "photos", body)
    listed = engine_calls.hits(found)
    total, exact = engine_calls.total(found)
    return PhotoPage(
        items=[photo_view(hit, secret_key) for hit in listed[: page.size]],
        next_cursor=page.next_cursor(secret_key, listed),
        total=total,
        total_exact=exact,
        facets=facets(found.get("aggregations", {})),
    )
