"""`GET /v1/search/profiles`: public, discoverable profiles matching text and filters,
with facet counts, from the profiles read model alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from litestar import Controller, get
from litestar.params import FromQuery

from lumen.geo.coordinates import Point
from lumen.http import Req, Res, raises
from lumen.queries import audience, bands, facets, inputs, pages, relevance
from lumen.queries.audience import Viewing
from lumen.queries.inputs import (
    CityId,
    Country,
    Cursor,
    Keywords,
    Near,
    PageSize,
    Q,
    Radius,
    Roles,
    Sort,
)
from lumen.queries.pages import Page
from lumen.queries.results import SearchUnavailable
from lumen.queries.views import ProfilePage

FACETS: dict[str, str] = {
    "role": "role",
    "specialty": "specialties",
    "city": "city_name.keyword",
    "language": "languages",
}


@dataclass(frozen=True, slots=True)
class ProfileQuery:
    q: str | None = None
    roles: list[str] = field(default_factory=list)
    specialties: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    city_id: int | None = None
    country: str | None = None
    origin: Point | None = None
    radius_km: int | None = None
    sort: str = "relevance"


def body(query: ProfileQuery, page: Page) -> dict[str, Any]:
    # Everything but the facet picks, which narrow the hits after the facets are counted.
    filters = audience.listed_profiles()
    if query.city_id is not None:
        filters.append({"term": {"city_id": query.city_id}})
    if query.country is not None:
        filters.append({"term": {"country_code": query.country.upper()}})
    if query.origin is not None:
        if query.radius_km is not None:
            filters.append(relevance.within(query.origin, query.radius_km))
        filters.append(bands.labelled(query.origin))
    must = [relevance.matching(query.q, relevance.PROFILE_FIELDS)] if query.q else []
    matched = {"bool": {"must": must, "filter": filters}}
    found: dict[str, Any] = {
        "query": relevance.ranked(matched, query.sort, query.origin),
        "sort": relevance.order(query.sort, query.origin),
        "_source": {"excludes": ["location", "tombstone", "tombstoned_at"]},
    }
    picked = {"role": query.roles, "specialty": query.specialties, "language": query.languages}
    # Facets describe the whole result, so the first page carries them.
    facets.add(found, FACETS, picked, counted=page.after is None)
    if query.q:
        found["highlight"] = relevance.highlight(query.q, relevance.PROFILE_HIGHLIGHTS)
    return page.apply(found)


class ProfileSearchController(Controller):
    path = "/v1/search"
    tags = ["search"]  # noqa: RUF012 - Litestar reads it as a class attribute
    opt = raises(SearchUnavailable)

    @get("/profiles", operation_id="searchProfiles", summary="Search profiles")
    async def profiles(
        self,
        request: Req,
        resources: Res,
        viewer: Viewing,
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
            origin=relevance.origin(inputs.near_point(near)),
            radius_km=inputs.radius_around(near, radius_km),
            sort=sort,
        )
        page = pages.page_of(request, resources.settings.secret_key, viewer.uid, page_size, cursor)
        return await pages.profiles(request, resources, body(query, page), page)
