"""Text analysis shared by every index: accents and case folded away, so "Zoë" finds
"Zoe", and edge n-grams for as-you-type matching on names and places."""

from __future__ import annotations

from typing import Any

ANALYSIS: dict[str, Any] = {
    "filter": {
        "prefixes": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
    },
    "analyzer": {
        "folded": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding"],
        },
        # Index-time only: a query for "pari" must not itself be split into prefixes.
        "folded_prefixes": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "prefixes"],
        },
    },
    "normalizer": {
        "folded": {"type": "custom", "filter": ["lowercase", "asciifolding"]},
    },
}


def text(*, prefixes: bool = False, keyword: bool = False) -> dict[str, Any]:
    """A folded text field, with `.prefix` for as-you-type and `.keyword` for facets."""
    fields: dict[str, Any] = {}
    if prefixes:
        fields["prefix"] = {
            "type": "text",
            "analyzer": "folded_prefixes",
            "search_analyzer": "folded",
        }
    if keyword:
        fields["keyword"] = {"type": "keyword", "ignore_above": 256}
    mapping: dict[str, Any] = {"type": "text", "analyzer": "folded"}
    if fields:
        mapping["fields"] = fields
    return mapping


def facet(*, folded: bool = False) -> dict[str, Any]:
    if folded:
        return {"type": "keyword", "normalizer": "folded", "ignore_above": 256}
    return {"type": "keyword", "ignore_above": 256}


KEYWORD = facet()
BOOLEAN: dict[str, Any] = {"type": "boolean"}
INTEGER: dict[str, Any] = {"type": "integer"}
LONG: dict[str, Any] = {"type": "long"}
DATE: dict[str, Any] = {"type": "date"}
GEO_POINT: dict[str, Any] = {"type": "geo_point"}
STORED_ONLY: dict[str, Any] = {"type": "object", "enabled": False}

# Every document, tombstones included, carries these; queries filter `tombstone: false`.
COMMON: dict[str, Any] = {
    "id": KEYWORD,
    "tombstone": BOOLEAN,
    "tombstoned_at": DATE,
    # The external version the document was written at (an ETag for the query side).
    "doc_version": LONG,
}
