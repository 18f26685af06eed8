"""Free text, matched word by word: each word scores by the most important field it is
found in (a typo costs a little), and the words add up. Term rarity is left out on
purpose: "paris" in one headline must not outweigh "portrait photographer" everywhere.
The text is analysed like the documents (accents and case folded) and never parsed as
query syntax."""

from __future__ import annotations

from typing import Any

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
