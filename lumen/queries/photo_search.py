"""The DSL of `GET /v1/search/photos`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lumen.geo.coordinates import Point
from lumen.queries import audience, distances, facets, text_match
from lumen.queries.audience import Viewer
from lumen.queries.paging import Page, order

FACETS: dict[str, str] = {
    "tag": "tags",
    "camera_make": "camera_make",
    "camera_model": "camera_model",
}


@dataclass(frozen=True, slots=True)
class PhotoQuery:
    q: str | None = None
    tags: list[str] = field(default_factory=list)
    camera_makes: list[str] = field(default_factory=list)
    camera_models: list[str] = field(default_factory=list)
    owner: str | None = None
    city_id: int | None = None
    taken_from: dt.date | None = None
    taken_to: dt.date | None = None
    orientation: str | None = None
    origin: Point | None = None
    radius_km: int | None = None
    sort: str = "relevance"


def picked(query: PhotoQuery) -> dict[str, list[str]]:
    return {
        "tag": query.tags,
        "camera_make": query.camera_makes,
        "camera_model": query.camera_models,
    }


def filters(query: PhotoQuery, viewer: Viewer) -> list[dict[str, Any]]:
    """Everything but the facet picks, which narrow the hits after the facets are counted."""
    clauses = audience.visible_photos(viewer)
    for name, value in (
        ("owner_id", query.owner),
        ("city_id", query.city_id),
        ("orientation", query.orientation),
    ):
        if value is not None:
            clauses.append({"term": {name: value}})
    if query.taken_from is not None or query.taken_to is not None:
        taken: dict[str, str] = {}
        if query.taken_from is not None:
            taken["gte"] = query.taken_from.isoformat()
        if query.taken_to is not None:
            # The whole of the last day.
            taken["lt"] = (query.taken_to + dt.timedelta(days=1)).isoformat()
        clauses.append({"range": {"taken_at": taken}})
    if query.origin is not None and query.radius_km is not None:
        clauses.append(distances.within(query.origin, query.radius_km))
    return clauses


def body(query: PhotoQuery, viewer: Viewer, page: Page) -> dict[str, Any]:
    must = [text_match.matching(query.q, text_match.PHOTO_FIELDS)] if query.q else []
    found: dict[str, Any] = {
        "query": {"bool": {"must": must, "filter": filters(query, viewer)}},
        # A photo is as popular as its owner: photos have no counts of their own.
        "sort": order(query.sort, query.origin, popularity_field="owner_followers"),
        "_source": {"excludes": ["location", "tombstone", "tombstoned_at"]},
    }
    facets.add(found, FACETS, picked(query), counted=page.after is None)
    if query.q:
        found["highlight"] = text_match.highlight(text_match.PHOTO_HIGHLIGHTS)
    if query.origin is not None:
        found["script_fields"] = distances.rank_field(query.origin)
    return page.apply(found)
