"""`GET /v1/discover` and `GET /v1/nearby`: ranked mixes of profiles around a place (the
one asked for, or the viewer's own area as indexed), from the profiles read model alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from litestar import Controller, get

from lumen.errors import DomainError
from lumen.geo.coordinates import Point
from lumen.http import Req, Res, raises
from lumen.queries import audience, bands, inputs, pages, relevance, results
from lumen.queries.audience import Viewer, Viewing
from lumen.queries.inputs import Cursor, Keywords, Near, PageSize, Q, RadiusKm, Roles
from lumen.queries.pages import Page
from lumen.queries.relevance import BY_SCORE, TIEBREAK
from lumen.queries.results import SearchUnavailable
from lumen.queries.views import ProfilePage

DEFAULT_RADIUS_KM = 25
# How far back a profile still counts as new, and how much each ingredient weighs.
RECENCY_SCALE = "30d"
RECENCY_WEIGHT = 1.0
POPULARITY_WEIGHT = 0.5
NEARNESS_WEIGHT = 1.5


class AreaUnknown(DomainError):
    pass


@dataclass(frozen=True, slots=True)
class Around:
    origin: Point | None
    roles: list[str] = field(default_factory=list)
    specialties: list[str] = field(default_factory=list)

    def filters(self) -> list[dict[str, Any]]:
        clauses: list[dict[str, Any]] = []
        if self.roles:
            clauses.append({"terms": {"role": self.roles}})
        if self.specialties:
            clauses.append({"terms": {"specialties": self.specialties}})
        return clauses


def _popularity(weight: float) -> dict[str, Any]:
    return {
        "field_value_factor": {"field": "followers_count", "modifier": "log1p", "missing": 0},
        "weight": weight,
    }


def _scored(query: dict[str, Any], functions: list[dict[str, Any]], boost: str) -> dict[str, Any]:
    scoring = {"query": query, "functions": functions, "score_mode": "sum", "boost_mode": boost}
    return {"function_score": scoring}


def discover(around: Around, viewer: Viewer, page: Page) -> dict[str, Any]:
    as_of = dt.datetime.fromtimestamp(page.as_of, dt.UTC).isoformat()
    recency = {"origin": as_of, "scale": RECENCY_SCALE, "decay": 0.5}
    functions = [
        {"gauss": {"created_at": recency}, "weight": RECENCY_WEIGHT},
        _popularity(POPULARITY_WEIGHT),
    ]
    filters = audience.listed_profiles() + around.filters()
    if around.origin is not None:
        functions += bands.weights(around.origin, NEARNESS_WEIGHT)
        filters.append(bands.labelled(around.origin))
    query = {"bool": {"filter": filters, "must_not": audience.not_mine_nor_followed(viewer)}}
    found: dict[str, Any] = {
        "query": _scored(query, functions, "replace"),
        "sort": [BY_SCORE, TIEBREAK],
        "_source": {"excludes": ["location", "tombstone", "tombstoned_at"]},
        "track_total_hits": False,
    }
    return page.apply(found)


def nearby(
    around: Around, origin: Point, radius_km: int, q: str | None, viewer: Viewer, page: Page
) -> dict[str, Any]:
    """Opted-in profiles within the radius: nearest bucket first, then relevance (the
    text match if any, weighted by popularity), never finer distance."""
    within = relevance.within(origin, radius_km)
    query = {
        "bool": {
            "must": [relevance.matching(q, relevance.PROFILE_FIELDS)] if q else [],
            "filter": [
                *audience.nearby_profiles(),
                within,
                *around.filters(),
                bands.labelled(origin),
            ],
            "must_not": audience.not_mine(viewer),
        }
    }
    return page.apply(
        {
            # Band first, then the text match weighted by popularity (see bands).
            "query": bands.banded(query, origin, [_popularity(1.0)]),
            "sort": [BY_SCORE, TIEBREAK],
            "_source": {"excludes": ["location", "tombstone", "tombstoned_at"]},
            "track_total_hits": False,
        }
    )


async def origin_of(resources: Res, viewer: Viewer, near: str | None) -> Point | None:
    """`near`, or else the viewer's own profile's location as indexed (already at the
    precision they chose), snapped like any origin."""
    asked = inputs.near_point(near)
    if asked is None and viewer.signed_in:
        own = {"bool": {"filter": [audience.LIVE, viewer.owns("id")]}}
        found = await results.search(
            resources, "profiles", {"size": 1, "query": own, "_source": ["location"]}
        )
        listed = results.hits(found)
        location = listed[0]["_source"].get("location") if listed else None
        asked = Point(lat=location["lat"], lon=location["lon"]) if location else None
    return relevance.origin(asked)


class DiscoveryController(Controller):
    path = "/v1"
    tags = ["discovery"]  # noqa: RUF012 - Litestar reads it as a class attribute
    opt = raises(SearchUnavailable, AreaUnknown)

    @get("/discover", operation_id="discover", summary="Discover profiles")
    async def discover(
        self,
        request: Req,
        resources: Res,
        viewer: Viewing,
        near: Near = None,
        role: Roles = None,
        specialty: Keywords = None,
        page_size: PageSize = inputs.DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
    ) -> ProfilePage:
        """New, popular and (when the area is known) nearby profiles; for a signed-in
        viewer without their own profile and the profiles they follow."""
        origin = await origin_of(resources, viewer, near)
        around = Around(origin, list(role or []), inputs.keywords("specialty", specialty))
        page = pages.page_of(request, resources.settings.secret_key, viewer.uid, page_size, cursor)
        return await pages.profiles(request, resources, discover(around, viewer, page), page)

    @get("/nearby", operation_id="nearby", summary="Profiles near a place")
    async def nearby(
        self,
        request: Req,
        resources: Res,
        viewer: Viewing,
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
        origin = await origin_of(resources, viewer, near)
        if origin is None:
            raise AreaUnknown("Pass `near=lat,lon`, or sign in with a profile that has a location.")
        around = Around(origin, list(role or []), inputs.keywords("specialty", specialty))
        page = pages.page_of(request, resources.settings.secret_key, viewer.uid, page_size, cursor)
        radius = inputs.radius_km(radius_km)
        body = nearby(around, origin, radius, inputs.text(q), viewer, page)
        return await pages.profiles(request, resources, body, page)
