"""What makes a hit relevant and where it ranks.

Free text is matched word by word: each word scores by the most important field it is
found in (a typo costs a little), and the words add up. Term rarity is left out on
purpose: "paris" in one headline must not outweigh "portrait photographer" everywhere.
The text is analysed like the documents (accents and case folded) and never parsed as
query syntax.

Distance counts only as one of the coarse buckets, from an origin snapped to a cell: in
filters, in ordering and in the scores that ordering rests on.

Every order ends on the document id, so pages never overlap or skip however many
documents tie on the keys before it.
"""

from __future__ import annotations

from typing import Any

from lumen.geo.coordinates import Point
from lumen.geo.privacy import BUCKET_BOUNDS_KM, DISTANCE_BUCKETS, snap_origin
from lumen.queries.inputs import invalid

TIEBREAK: dict[str, Any] = {"id": "asc"}
BY_SCORE: dict[str, Any] = {"_score": "desc"}
# Beyond this many words the rest of the text is not searched.
MAX_WORDS = 12
# How much a word found only with a typo counts against one found as typed.
TYPO_WEIGHT = 0.8
PROFILE_FIELDS: dict[str, float] = {
    "display_name": 3.0,
    "headline": 2.0,
    "specialty_names": 2.0,
    "city_name": 2.0,
    "studio_name": 1.0,
    "bio": 1.0,
}
PHOTO_FIELDS: dict[str, float] = {
    "title": 3.0,
    "tags.text": 2.0,
    "owner_name": 2.0,
    "caption": 1.0,
    "city_name": 1.0,
}
PROFILE_HIGHLIGHTS = ("display_name", "headline", "bio", "specialty_names")
PHOTO_HIGHLIGHTS = ("title", "caption")

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


def matching(q: str, fields: dict[str, float]) -> dict[str, Any]:
    clauses = [_word(word, fields) for word in q.split()[:MAX_WORDS]]
    if len(clauses) == 1:
        return clauses[0]
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def _scored(field: str, match: dict[str, Any], weight: float) -> dict[str, Any]:
    return {"constant_score": {"filter": {"match": {field: match}}, "boost": weight}}


def _word(word: str, fields: dict[str, float]) -> dict[str, Any]:
    typed = [_scored(f, {"query": word}, w) for f, w in fields.items()]
    forgiven = [
        # A first letter right keeps the fuzzy expansion small and on target.
        _scored(f, {"query": word, "fuzziness": "AUTO", "prefix_length": 1}, w * TYPO_WEIGHT)
        for f, w in fields.items()
    ]
    # A little for the other fields that match, so name + city beats name alone.
    return {"dis_max": {"queries": typed + forgiven, "tie_breaker": 0.1}}


def highlight(fields: tuple[str, ...]) -> dict[str, Any]:
    return {
        # The text is escaped, so the only markup in a fragment is ours.
        "encoder": "html",
        "pre_tags": ["<em>"],
        "post_tags": ["</em>"],
        "fields": {field: {"number_of_fragments": 1, "fragment_size": 160} for field in fields},
    }


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
    return {"geo_distance": {"distance": f"{km}km", "location": {"lat": at.lat, "lon": at.lon}}}


def rank_sort(at: Point) -> dict[str, Any]:
    """Nearest bucket first; inside a bucket the next sort keys decide."""
    return {"_script": {"type": "number", "script": _script(at), "order": "asc"}}


def rank_field(at: Point) -> dict[str, Any]:
    return {"bucket": {"script": _script(at)}}


def bucket_weights(at: Point) -> list[dict[str, Any]]:
    """function_score functions that add one step for each bucket bound a document is
    inside: a decay that only knows buckets, so ranking reveals no finer distance."""
    return [
        {"filter": within(at, bound), "weight": 1.0 / len(BUCKET_BOUNDS_KM)}
        for bound in BUCKET_BOUNDS_KM
    ]


def order(
    sort: str,
    origin: Point | None,
    *,
    recency_field: str = "created_at",
    popularity_field: str = "followers_count",
) -> list[Any]:
    match sort:
        case "relevance":
            return [BY_SCORE, TIEBREAK]
        case "distance":
            if origin is None:
                raise invalid("sort", "sorting by distance needs `near`")
            return [rank_sort(origin), BY_SCORE, TIEBREAK]
        case "popularity":
            popular = {popularity_field: {"order": "desc", "missing": "_last"}}
            return [popular, BY_SCORE, TIEBREAK]
        case "recency":
            return [{recency_field: {"order": "desc", "missing": "_last"}}, TIEBREAK]
    raise invalid("sort", f"unknown sort {sort!r}")
