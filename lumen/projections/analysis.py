"""Field mappings shared by every index, in features every engine has in its core.

Text is analysed by the built-in `standard` analyzer only (Unicode word boundaries, lower
case): no custom analyzers, which a bare Elasticsearch node cannot build. Accents are
folded by Lumen instead (lumen.folding): every searched text field has a folded copy
under `folded.` that queries match on, with the user's text folded the same way, while
the original stays for display and highlighting. As-you-type fields index their word
prefixes (`index_prefixes`), for prefix queries that cost one term lookup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lumen.folding import fold

# Every prefix of one to 19 characters (the most the engines allow) is indexed; a longer
# prefix is still found, by a slower prefix query over the words.
PREFIXES: dict[str, int] = {"min_chars": 1, "max_chars": 19}
STANDARD = "standard"


def text(*, keyword: bool = False) -> dict[str, Any]:
    """An original text field, with `.keyword` for facets when asked."""
    mapping: dict[str, Any] = {"type": "text", "analyzer": STANDARD}
    if keyword:
        mapping["fields"] = {"keyword": {"type": "keyword", "ignore_above": 256}}
    return mapping


def folded_text(*, prefixes: bool = False) -> dict[str, Any]:
    mapping: dict[str, Any] = {"type": "text", "analyzer": STANDARD}
    if prefixes:
        mapping["index_prefixes"] = PREFIXES
    return mapping


def folded_mapping(fields: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {"folded": {"properties": fields}}


def folded(document: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """The folded copies of a document's text fields: its `folded` object."""
    copies: dict[str, Any] = {}
    for name in names:
        value = document.get(name)
        if isinstance(value, str):
            copies[name] = fold(value)
        elif isinstance(value, list):
            copies[name] = [fold(v) for v in value]
    return copies


def facet() -> dict[str, Any]:
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
