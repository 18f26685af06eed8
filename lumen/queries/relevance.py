"""What makes a hit relevant and where it ranks.

Free text is matched word by word: each word scores by the most important field it is
found in (a typo costs a little), and the words add up. Term rarity is left out on
purpose: "paris" in one headline must not outweigh "portrait photographer" everywhere.
The text is folded like the documents (lumen.folding; accents away, the engine lower-
cases) and matched against their folded copies, never parsed as query syntax.

Distance counts only as one of the coarse bands (lumen.queries.bands), from an origin
snapped to a cell: in filters, in ordering and in the scores that ordering rests on.

Every order ends on the document id, so pages never overlap or skip however many
documents tie on the keys before it.
"""

from __future__ import annotations

from typing import Any

from lumen.folding import fold
from lumen.geo.coordinates import Point
from lumen.geo.privacy import snap_origin
from lumen.queries import bands, highlights
from lumen.queries.inputs import invalid

TIEBREAK: dict[str, Any] = {"id": "asc"}
BY_SCORE: dict[str, Any] = {"_score": "desc"}
# Beyond this many words the rest of the text is not searched.
MAX_WORDS = 12
# How much a word found only with a typo counts against one found as typed.
TYPO_WEIGHT = 0.8
TIE_BREAKER = 0.1
# The folded copies (see projections.analysis) are what text is matched on.
PROFILE_FIELDS: dict[str, float] = {
    "folded.display_name": 3.0,
    "folded.headline": 2.0,
    "folded.specialty_names": 2.0,
    "folded.city_name": 2.0,
    "folded.studio_name": 1.0,
    "folded.bio": 1.0,
}
PHOTO_FIELDS: dict[str, float] = {
    "folded.title": 3.0,
    "folded.tags.text": 2.0,
    "folded.owner_name": 2.0,
    "folded.caption": 1.0,
    "folded.city_name": 1.0,
}
# Marked in the folded copies, served in the original text (see highlights).
PROFILE_HIGHLIGHTS = ("display_name", "headline", "bio", "specialty_names")
PHOTO_HIGHLIGHTS = ("title", "caption")
# log10(1 + followers) of a 32-bit follower count: the most popularity adds to a score.
MAX_POPULARITY = 9.4


def max_text_score(fields: dict[str, float]) -> float:
    """The highest score `matching` can give: every word at its best field, every other
    clause adding its tie-breaker share. Distance bands step over it (bands.STEP)."""
    weights = [*fields.values(), *(w * TYPO_WEIGHT for w in fields.values())]
    best = max(weights)
    return MAX_WORDS * (best + TIE_BREAKER * (sum(weights) - best))


def words(q: str) -> list[str]:
    return fold(q).split()[:MAX_WORDS]


def matching(q: str, fields: dict[str, float]) -> dict[str, Any]:
    clauses = [_word(word, fields) for word in words(q)]
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
    return {"dis_max": {"queries": typed + forgiven, "tie_breaker": TIE_BREAKER}}


def highlight(q: str, fields: tuple[str, ...]) -> dict[str, Any]:
    """Marks the words of `q` in `fields` (see highlights)."""
    return highlights.request(words(q), fields)


def origin(point: Point | None) -> Point | None:
    return None if point is None else snap_origin(point)


def within(at: Point, km: float) -> dict[str, Any]:
    return bands.within(at, km)


def ranked(query: dict[str, Any], sort: str, origin: Point | None) -> dict[str, Any]:
    """The query scored for `sort`: band by band for "distance" (see bands)."""
    if sort == "distance" and origin is not None:
        return bands.banded(query, origin)
    return query


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
            # The bands are in the score (see ranked).
            return [BY_SCORE, TIEBREAK]
        case "popularity":
            popular = {popularity_field: {"order": "desc", "missing": "_last"}}
            return [popular, BY_SCORE, TIEBREAK]
        case "recency":
            return [{recency_field: {"order": "desc", "missing": "_last"}}, TIEBREAK]
    raise invalid("sort", f"unknown sort {sort!r}")
