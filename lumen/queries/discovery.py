"""The DSL of `GET /v1/discover` and `GET /v1/nearby`, and of finding the viewer's own
area in the index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lumen.geo.coordinates import Point
from lumen.queries import audience, distances, text_match
from lumen.queries.audience import Viewer
from lumen.queries.paging import BY_SCORE, TIEBREAK, Page

# How far back a profile still counts as new, and how much each ingredient weighs.
RECENCY_SCALE = "30d"
RECENCY_WEIGHT = 1.0
POPULARITY_WEIGHT = 0.5
NEARNESS_WEIGHT = 1.5


@dataclass(frozen=True, slots=True)
class Around:
    origin: Point | None
    roles: list[str] = field(default_factory=list)
    specialties: list[str] = field(default_factory=list)


def _shared_filters(around: Around) -> list[dict[str, Any]]:
    clauses: list[dict[str, Any]] = []
    if around.roles:
        clauses.append({"terms": {"role": around.roles}})
    if around.specialties:
        clauses.append({"terms": {"specialties": around.specialties}})
    return clauses


def _popularity(weight: float) -> dict[str, Any]:
    return {
        "field_value_factor": {"field": "followers_count", "modifier": "log1p", "missing": 0},
        "weight": weight,
    }


def discover(around: Around, viewer: Viewer, page: Page) -> dict[str, Any]:
    functions: list[dict[str, Any]] = [
        {
            "gauss": {
                "created_at": {
                    "origin": dt.datetime.fromtimestamp(page.as_of, dt.UTC).isoformat(),
                    "scale": RECENCY_SCALE,
                    "decay": 0.5,
                }
            },
            "weight": RECENCY_WEIGHT,
        },
        _popularity(POPULARITY_WEIGHT),
    ]
    if around.origin is not None:
        functions += [
            {**f, "weight": f["weight"] * NEARNESS_WEIGHT}
            for f in distances.bucket_weights(around.origin)
        ]
    query = {
        "bool": {
            "filter": audience.listed_profiles() + _shared_filters(around),
            "must_not": audience.not_mine_nor_followed(viewer),
        }
    }
    found: dict[str, Any] = {
        "query": {
            "function_score": {
                "query": query,
                "functions": functions,
                "score_mode": "sum",
                "boost_mode": "replace",
            }
        },
        "sort": [BY_SCORE, TIEBREAK],
        "_source": {"excludes": ["location", "tombstone", "tombstoned_at"]},
        "track_total_hits": False,
    }
    if around.origin is not None:
        found["script_fields"] = distances.rank_field(around.origin)
    return page.apply(found)


def nearby(
    around: Around, origin: Point, radius_km: int, q: str | None, viewer: Viewer, page: Page
) -> dict[str, Any]:
    """Opted-in profiles within the radius: nearest bucket first, then relevance (the
    text match if any, weighted by popularity), never finer distance."""
    must = [text_match.matching(q, text_match.PROFILE_FIELDS)] if q else []
    query = {
        "bool": {
            "must": must,
            "filter": [
                *audience.nearby_profiles(),
                distances.within(origin, radius_km),
                *_shared_filters(around),
            ],
            "must_not": audience.not_mine(viewer),
        }
    }
    found: dict[str, Any] = {
        "query": {
            "function_score": {
                "query": query,
                "functions": [_popularity(1.0)],
                "score_mode": "sum",
                "boost_mode": "sum",
            }
        },
        "sort": [distances.rank_sort(origin), BY_SCORE, TIEBREAK],
        "script_fields": distances.rank_field(origin),
        "_source": {"excludes": ["location", "tombstone", "tombstoned_at"]},
        "track_total_hits": False,
    }
    return page.apply(found)


def own_area(viewer: Viewer) -> dict[str, Any]:
    """The viewer's own profile's indexed location (already at the precision they chose)."""
    return {
        "size": 1,
        "query": {"bool": {"filter": [audience.LIVE, viewer.owns("id")]}},
        "_source": ["location"],
    }
