"""Distance as the coarse bands of lumen.geo.privacy, from an origin snapped to a cell,
in the engine's core query features alone (no scripts, which need a module a bare
Elasticsearch node lacks).

- Which band a hit is in: each band bound is a named `geo_distance` filter, and the
  engine lists the names a hit matched (`matched_queries`). A bound is inclusive: a
  distance on it counts as inside.
- Ranking band by band: each bound a document is within adds one step to its score, and
  having a location at all adds one more, with a step larger than any text relevance and
  popularity together can score. Sorting on the score then goes band by band, and by
  relevance inside a band; the score itself is never served.
"""

from __future__ import annotations

from typing import Any

from lumen.geo.coordinates import Point
from lumen.geo.privacy import BUCKET_BOUNDS_KM, DISTANCE_BUCKETS

# A power of two keeps the steps exact in the engine's 32-bit scores, and leaves about
# 1e-4 of resolution to relevance under seven steps. relevance.MAX_SCORE stays below it.
STEP = 128.0
LOCATED = "located"


def _name(bound: float) -> str:
    return f"within_{bound:g}km"


def within(at: Point, km: float) -> dict[str, Any]:
    return {"geo_distance": {"distance": f"{km}km", "location": {"lat": at.lat, "lon": at.lon}}}


def labelled(at: Point) -> dict[str, Any]:
    """A filter that keeps every document and names the bounds each one is within."""
    named: list[dict[str, Any]] = [
        {"geo_distance": {**within(at, bound)["geo_distance"], "_name": _name(bound)}}
        for bound in BUCKET_BOUNDS_KM
    ]
    named.append({"exists": {"field": "location", "_name": LOCATED}})
    # The match_all keeps the documents that match no name (those without a location).
    return {"bool": {"should": [*named, {"match_all": {}}]}}


def band_of(hit: dict[str, Any]) -> str | None:
    """The label of the band a hit of a `labelled` query is in; None without a location."""
    matched = hit.get("matched_queries") or ()
    if LOCATED not in matched:
        return None
    inside = [rank for rank, bound in enumerate(BUCKET_BOUNDS_KM) if _name(bound) in matched]
    return DISTANCE_BUCKETS[min(inside, default=len(BUCKET_BOUNDS_KM))].label


def steps(at: Point) -> list[dict[str, Any]]:
    """function_score functions adding one STEP per bound a document is within, and one
    for having a location (so a far document still ranks above one with none)."""
    located = {"filter": {"exists": {"field": "location"}}, "weight": STEP}
    return [located, *({"filter": within(at, b), "weight": STEP} for b in BUCKET_BOUNDS_KM)]


def banded(
    query: dict[str, Any], at: Point, functions: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """`query` scored band first: its own score (plus `functions`) inside the band."""
    scoring = {
        "query": query,
        "functions": [*(functions or []), *steps(at)],
        "score_mode": "sum",
        "boost_mode": "sum",
    }
    return {"function_score": scoring}


def weights(at: Point, total: float) -> list[dict[str, Any]]:
    """function_score functions that add `total` / bounds for each bound a document is
    inside: a decay that only knows bands, so ranking reveals no finer distance."""
    return [
        {"filter": within(at, b), "weight": total / len(BUCKET_BOUNDS_KM)} for b in BUCKET_BOUNDS_KM
    ]
