"""The DSL of `GET /v1/search/profiles`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lumen.geo.coordinates import Point
from lumen.queries import audience, distances, facets, text_match
from lumen.queries.paging import Page, order

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


def picked(query: ProfileQuery) -> dict[str, list[str]]:
    return {"role": query.roles, "specialty": query.specialties, "language": query.languages}


def filters(query: ProfileQuery) -> list[dict[str, Any]]:
    """Everything but the facet picks, which narrow the hits after the facets are counted."""
    clauses = audience.listed_profiles()
    if query.city_id is not None:
        clauses.append({"term": {"city_id": query.city_id}})
    if query.country is not None:
        clauses.append({"term": {"country_code": query.country.upper()}})
    if query.origin is not None and query.radius_km is not None:
        clauses.append(distances.within(query.origin, query.radius_km))
    return clauses


def body(query: ProfileQuery, page: Page) -> dict[str, Any]:
    must = [text_match.matching(query.q, text_match.PROFILE_FIELDS)] if query.q else []
    found: dict[str, Any] = {
        "query": {"bool": {"must": must, "filter": filters(query)}},
        "sort": order(query.sort, query.origin),
        "_source": {"excludes": ["location", "tombstone", "tombstoned_at"]},
    }
    # Facets describe the whole result, so the first page carries them.
    facets.add(found, FACETS, picked(query), counted=page.after is None)
    if query.q:
        found["highlight"] = text_match.highlight(text_match.PROFILE_HIGHLIGHTS)
    if query.origin is not None:
        found["script_fields"] = distances.rank_field(query.origin)
    return page.apply(found)
