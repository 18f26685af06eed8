"""The discovery screen and "near me": ranked mixes of profiles, from the index alone."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.params import Parameter

from lumen.auth.tokens import Caller
from lumen.geo.coordinates import Point
from lumen.problems import DomainError
from lumen.queries import discovery, distances, engine_calls, inputs, results
from lumen.queries.anonymous_cache import cached
from lumen.queries.audience import Viewer
from lumen.queries.discovery import Around
from lumen.queries.inputs import Cursor, Keywords, Near, PageSize, Q, RadiusKm, Role
from lumen.queries.views import ProfilePage
from lumen.resources import Resources

Req = Request[Any, Any, Any]
Res = NamedDependency[Resources]
Who = NamedDependency[Caller | None]
Roles = Annotated[list[Role] | None, Parameter(max_items=2)]
DEFAULT_RADIUS_KM = 25


class AreaUnknown(DomainError):
    status = 422
    slug = "area-unknown"
    title = "No area to search around"


async def viewer_area(resources: Resources, viewer: Viewer) -> Point | None:
    """The viewer's own profile location as indexed, already at their chosen precision."""
    if not viewer.signed_in:
        return None
    found = await engine_calls.search(
        resources.search, resources.settings, "profiles", discovery.own_area(viewer)
    )
    listed = engine_calls.hits(found)
    location = listed[0]["_source"].get("location") if listed else None
    return None if not location else Point(lat=location["lat"], lon=location["lon"])


async def origin_of(resources: Resources, viewer: Viewer, near: str | None) -> Point | None:
    asked = inputs.near_point(near)
    return distances.origin(asked if asked is not None else await viewer_area(resources, viewer))


class DiscoveryController(Controller):
    path = "/v1"
    tags = ["discovery"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/discover", operation_id="discover")
    async def discover(
        self,
        request: Req,
        resources: Res,
        caller: Who,
        near: Near = None,
        role: Roles = None,
        specialty: Keywords = None,
        page_size: PageSize = inputs.DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
    ) -> ProfilePage:
        """New, popular and (when the area is known) nearby profiles; for a signed-in
        viewer without their own profile and the profiles they follow."""
        viewer = Viewer.of(caller.uid if caller else None, resources.settings)
        around = Around(
            origin=await origin_of(resources, viewer, near),
            roles=list(role or []),
            specialties=inputs.keywords("specialty", specialty),
        )
        page = results.page_of(request, resources, viewer, page_size, cursor)
        body = discovery.discover(around, viewer, page)
        return await cached(
            request, resources, ProfilePage, lambda: results.profiles(resources, body, page)
        )

    @get("/nearby", operation_id="nearby")
    async def nearby(
        self,
        request: Req,
        resources: Res,
        caller: Who,
        near: Near = None,
        radius_km: RadiusKm = DEFAULT_RADIUS_KM,
        q: Q = None,
        role: Roles = None,
        specialty: Keywords = None,
        page_size: PageSize = inputs.DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
    ) -> ProfilePage:
        """Profiles that opted into nearby, around `near` or the viewer's own area: nearest
        distance band first, then relevance. Distances come as bands only."""
        viewer = Viewer.of(caller.uid if caller else None, resources.settings)
        origin = await origin_of(resources, viewer, near)
        if origin is None:
            raise AreaUnknown("Pass `near=lat,lon`, or sign in with a profile that has a location.")
        around = Around(
            origin=origin,
            roles=list(role or []),
            specialties=inputs.keywords("specialty", specialty),
        )
        page = results.page_of(request, resources, viewer, page_size, cursor)
        body = discovery.nearby(
            around, origin, inputs.radius_km(radius_km), inputs.text(q), viewer, page
        )
        return await cached(
            request, resources, ProfilePage, lambda: results.profiles(resources, body, page)
        )
