"""Distances as the engine computes and the API shows them: from an origin snapped to a
cell, and only ever as one of the coarse buckets — in results, in ordering and in the
scores that ordering rests on."""

from __future__ import annotations

from typing import Any

from lumen.geo.coordinates import Point
from lumen.geo.privacy import BUCKET_BOUNDS_KM, DISTANCE_BUCKETS, snap_origin

# Sorts after every bucket: documents without a location (only when no radius filters).
NO_LOCATION_RANK = len(DISTANCE_BUCKETS)

_RANK_SCRIPT = """
if (doc['location'].size() == 0) { return params.none; }
double km = doc['location'].arcDistance(params.lat, params.lon) / 1000.0;
for (int i = 0; i < params.bounds.size(); ++i) {
  if (km < params.bounds.get(i)) { return i; }
}
return params.bounds.size();
"""


def origin(point: Point | None) -> Point | None:
    return None if point is None else snap_origin(point)


def _script(at: Point) -> dict[str, Any]:
    return {
        "lang": "painless",
        "source": _RANK_SCRIPT,
        "params": {
            "lat": at.lat,
            "lon": at.lon,
            "bounds": list(BUCKET_BOUNDS_KM),
            "none": NO_LOCATION_RANK,
        },
    }


def within(at: Point, km: float) -> dict[str, Any]:
    return {"geo_distance": {"distance": f"{km}km", "location": _geo(at)}}


def rank_sort(at: Point) -> dict[str, Any]:
    """Nearest bucket first; inside a bucket the next sort keys decide."""
    return {"_script": {"type": "number", "script": _script(at), "order": "asc"}}


def rank_field(at: Point) -> dict[str, Any]:
    return {"bucket": {"script": _script(at)}}


def label(rank: object) -> str | None:
    if not isinstance(rank, int | float) or not 0 <= rank < NO_LOCATION_RANK:
        return None
    return DISTANCE_BUCKETS[int(rank)].label


def bucket_weights(at: Point) -> list[dict[str, Any]]:
    """function_score functions that add one step for each bucket bound a document is
    inside: a decay that only knows buckets, so ranking reveals no finer distance."""
    return [
        {"filter": within(at, bound), "weight": 1.0 / len(BUCKET_BOUNDS_KM)}
        for bound in BUCKET_BOUNDS_KM
    ]


def _geo(at: Point) -> dict[str, float]:
    return {"lat": at.lat, "lon": at.lon}
