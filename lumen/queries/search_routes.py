"""Full-text search over profiles and photos, and as-you-type suggestions."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.params import FromQuery, Parameter

from lumen.auth.tokens import Caller
from lumen.queries import distances, engine_calls, inputs, results, suggest
from lumen.queries.anonymous_cache import cached
from lumen.queries.audience import Viewer
from lumen.queries.inputs import (
    CityId,
    Country,
    Cursor,
    Day,
    Keywords,
    Near,
    Orientation,
    PageSize,
    Q,
    Role,
    Sort,
)
from lumen.queries.photo_search import PhotoQuery
from lumen.queries.photo_search import body as photo_body
from lumen.queries.profile_search import ProfileQuery
from lumen.queries.profile_search import body as profile_body
from lumen.queries.views import PhotoPage, ProfilePage, Suggestions
from lumen.resources import Resources

Req = Request[Any, Any, Any]
Res = NamedDependency[Resources]
Who = NamedDependency[Caller | None]
Roles = Annotated[list[Role] | None, Parameter(max_items=2)]
Radius = Annotated[
    float | None,
    Parameter(gt=0, le=inputs.RADII_KM[-1], description="Needs `near`"),
]
Typed = Annotated[str, Parameter(min_length=1, max_length=inputs.MAX_SUGGEST_LENGTH)]


def _radius(near: str | None, radius_km: float | None) -> int | None:
    if radius_km is None:
        return None
    if near is None:
        raise inputs.invalid("radius_km", "a radius needs `near`")
    return inputs.radius_km(radius_km)


class SearchController(Controller):
    path = "/v1"
    tags = ["search"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/search/profiles", operation_id="searchProfiles")
    async def profiles(
        self,
        request: Req,
        resources: Res,
        caller: Who,
        q: Q = None,
        role: Roles = None,
        specialty: Keywords = None,
        language: Keywords = None,
        city: CityId = None,
        country: Country = None,
        near: Near = None,
        radius_km: Radius = None,
        sort: FromQuery[Sort] = "relevance",
        page_size: PageSize = inputs.DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
    ) -> ProfilePage:
        """Public, discoverable profiles matching text and filters, with facet counts."""
        query = ProfileQuery(
            q=inputs.text(q),
            roles=list(role or []),
            specialties=inputs.keywords("specialty", specialty),
            languages=inputs.keywords("language", language),
            city_id=city,
            country=country,
            origin=distances.origin(inputs.near_point(near)),
            radius_km=_radius(near, radius_km),
            sort=sort,
        )
        viewer = Viewer.of(caller.uid if caller else None, resources.settings)
        page = results.page_of(request, resources, viewer, page_size, cursor)
        body = profile_body(query, page)
        return await cached(
            request, resources, ProfilePage, lambda: results.profiles(resources, body, page)
        )

    @get("/search/photos", operation_id="searchPhotos")
    async def photos(
        self,
        request: Req,
        resources: Res,
        caller: Who,
        q: Q = None,
        tag: Keywords = None,
        camera_make: Keywords = None,
        camera_model: Keywords = None,
        owner: Annotated[uuid.UUID | None, Parameter(description="A profile id")] = None,
        city: CityId = None,
        taken_from: Day = None,
        taken_to: Day = None,
        orientation: FromQuery[Orientation | None] = None,
        near: Near = None,
        radius_km: Radius = None,
        sort: FromQuery[Sort] = "relevance",
        page_size: PageSize = inputs.DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
    ) -> PhotoPage:
        """Photos the caller may see (followers-only ones for followers) matching text and
        filters, with tag and camera facets."""
        if taken_from and taken_to and taken_from > taken_to:
            raise inputs.invalid("taken_from", "must not be after taken_to")
        query = PhotoQuery(
            q=inputs.text(q),
            tags=inputs.keywords("tag", tag),
            camera_makes=inputs.keywords("camera_make", camera_make, 256),
            camera_models=inputs.keywords("camera_model", camera_model, 256),
            owner=str(owner) if owner else None,
            city_id=city,
            taken_from=taken_from,
            taken_to=taken_to,
            orientation=orientation,
            origin=distances.origin(inputs.near_point(near)),
            radius_km=_radius(near, radius_km),
            sort=sort,
        )
        viewer = Viewer.of(caller.uid if caller else None, resources.settings)
        page = results.page_of(request, resources, viewer, page_size, cursor)
        body = photo_body(query, viewer, page)
        return await cached(
            request, resources, PhotoPage, lambda: results.photos(resources, body, page)
        )

    @get("/suggest", operation_id="suggest")
    async def suggest(self, request: Req, resources: Res, q: Typed) -> Suggestions:
        """As-you-type names, cities, tags and specialties for what was typed so far."""
        typed = q.strip()
        if not typed:
            raise inputs.invalid("q", "type at least one letter")

        async def produce() -> Suggestions:
            responses = await engine_calls.multi_search(
                resources.search, resources.settings, suggest.requests(typed)
            )
            return Suggestions(suggest.suggestions(typed, responses))

        return await cached(request, resources, Suggestions, produce)
