"""The DSL of `GET /v1/search/profiles`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lumen.geo.coordinates import Point
from lumen.queries import audience, distances, text_match
from lumen.queries.paging import Page, order

FACET_SIZE = 20
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


def filters(query: ProfileQuery) -> list[dict[str, Any]]:
    clauses = audience.listed_profiles()
    for name, values in (
        ("role", query.roles),
        ("specialties", query.specialties),
        ("languages", query.languages),
    ):
        if values:
            clauses.append({"terms": {name: values}})
    if query.city_id is not None:
        clauses.append({"term": {"city_id": query.city_id}})
    if query.country is not None:
        clauses.append({"term": {"country_code": query.country.upper()}})
    if query.origin is not None and query.radius_km is not None:
        clauses.append(distances.within(query.origin, query.radius_km))
    return clauses


def facet_aggs(facets: dict[str, str]) -> dict[str, Any]:
    return {name: {"terms": {"field": path, "size": FACET_SIZE}} for name, path in facets.items()}


def body(query: ProfileQuery, page: Page) -> dict[str, Any]:
    must = [text_match.matching(query.q, text_match.PROFILE_FIELDS)] if query.q else []
    found: dict[str, Any] = {
        "query": {"bool": {"must": must, "filter": filters(query)}},
        "sort": order(query.sort, query.origin),
        "_source": {"excludes": ["location", "tombstone", "tombstoned_at"]},
    }
    if page.after is None:
        # Facets describe the whole result, so the first page carries them.
        found["aggs"] = facet_aggs(FACETS)
    if query.q:
        found["highlight"] = text_match.highlight(text_match.PROFILE_HIGHLIGHTS)
    if query.origin is not None:
        found["script_fields"] = distances.rank_field(query.origin)
    return page.apply(found)
