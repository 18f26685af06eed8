"""As-you-type suggestions: names, cities, tags and specialties in one multi-search
over the prefix fields, each kept only when a word of it starts with what was typed."""

from __future__ import annotations

import unicodedata
from typing import Any

from lumen.queries import audience
from lumen.queries.views import Suggestion

PER_KIND = 5
# Enough candidates to still have PER_KIND after keeping only the prefix matches.
CANDIDATES = 30


def folded(text: str) -> str:
    """Close to the engine's asciifolding + lowercase, for checking candidates."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _typed(field: str, q: str) -> dict[str, Any]:
    # Every word typed must start a word of the field: "par" finds Paris, "new yo" New York.
    return {"match": {field: {"query": q, "operator": "and"}}}


def requests(q: str) -> list[tuple[str, dict[str, Any]]]:
    listed = audience.listed_profiles()
    return [
        (
            "profiles",
            {
                "size": PER_KIND,
                "query": {"bool": {"must": [_typed("display_name.prefix", q)], "filter": listed}},
                "_source": ["id", "display_name", "role"],
            },
        ),
        (
            "cities",
            {
                "size": PER_KIND,
                "query": {
                    "function_score": {
                        "query": {
                            "bool": {
                                "should": [
                                    _typed("name.prefix", q),
                                    _typed("ascii_name.prefix", q),
                                ],
                                "minimum_should_match": 1,
                                "filter": [audience.LIVE],
                            }
                        },
                        "field_value_factor": {
                            "field": "population",
                            "modifier": "log1p",
                            "missing": 0,
                        },
                    }
                },
                "_source": ["id", "name", "country_code", "country_name"],
            },
        ),
        (
            "photos",
            {
                "size": 0,
                "query": {
                    "bool": {
                        "must": [_typed("tags.text.prefix", q)],
                        "filter": [audience.LIVE, audience.PUBLIC],
                    }
                },
                "aggs": {"tags": {"terms": {"field": "tags", "size": CANDIDATES}}},
            },
        ),
        (
            "profiles",
            {
                "size": CANDIDATES,
                "query": {
                    "bool": {"must": [_typed("specialty_names.prefix", q)], "filter": listed}
                },
                "_source": ["specialties", "specialty_names"],
            },
        ),
    ]


def starts_a_word(typed: str, text: str) -> bool:
    candidate = folded(text)
    words = candidate.split()
    return candidate.startswith(typed) or any(w.startswith(typed) for w in words)


def suggestions(q: str, responses: list[dict[str, Any]]) -> list[Suggestion]:
    names, cities, tags, specialties = responses
    typed = folded(q).strip()
    found = [
        Suggestion(
            kind="profile",
            text=h["_source"]["display_name"],
            id=h["_source"]["id"],
            detail=h["_source"].get("role"),
        )
        for h in names["hits"]["hits"]
    ]
    found += [
        Suggestion(
            kind="city",
            text=h["_source"]["name"],
            id=h["_source"]["id"],
            detail=h["_source"].get("country_name"),
        )
        for h in cities["hits"]["hits"]
    ]
    tag_names = [b["key"] for b in tags.get("aggregations", {}).get("tags", {}).get("buckets", [])]
    found += [Suggestion(kind="tag", text=t) for t in tag_names if starts_a_word(typed, t)][
        :PER_KIND
    ]
    found += _specialties(typed, specialties["hits"]["hits"])
    return found


def _specialties(typed: str, hits: list[dict[str, Any]]) -> list[Suggestion]:
    seen: dict[str, str] = {}
    for hit in hits:
        source = hit["_source"]
        for slug, name in zip(
            source.get("specialties") or [], source.get("specialty_names") or [], strict=False
        ):
            if slug not in seen and starts_a_word(typed, name):
                seen[slug] = name
    return [Suggestion(kind="specialty", text=name, id=slug) for slug, name in seen.items()][
        :PER_KIND
    ]
