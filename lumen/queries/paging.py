"""Sorting and `search_after` paging. Every order ends on the document id, so pages
never overlap or skip however many documents tie on the keys before it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from lumen.geo.coordinates import Point
from lumen.queries import cursors, distances
from lumen.queries.inputs import invalid

TIEBREAK: dict[str, Any] = {"id": "asc"}
BY_SCORE: dict[str, Any] = {"_score": "desc"}


@dataclass(frozen=True, slots=True)
class Page:
    """Where a page starts: after these sort values, as of a fixed time."""

    size: int
    after: list[Any] | None
    as_of: int
    bound_to: bytes

    @classmethod
    def open(cls, secret_key: str, bound_to: bytes, size: int, cursor: str | None) -> Page:
        if cursor is None:
            # A minute's resolution: recency scores do not move while someone pages.
            return cls(size, None, int(time.time()) // 60 * 60, bound_to)
        after, as_of = cursors.decode(secret_key, bound_to, cursor)
        return cls(size, after, as_of, bound_to)

    def apply(self, body: dict[str, Any]) -> dict[str, Any]:
        # One more than asked, to know whether a next page exists without counting.
        body["size"] = self.size + 1
        if self.after is not None:
            body["search_after"] = self.after
        return body

    def next_cursor(self, secret_key: str, hits: list[dict[str, Any]]) -> str | None:
        if len(hits) <= self.size:
            return None
        return cursors.encode(secret_key, self.bound_to, hits[self.size - 1]["sort"], self.as_of)


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
            return [distances.rank_sort(origin), BY_SCORE, TIEBREAK]
        case "popularity":
            popular = {popularity_field: {"order": "desc", "missing": "_last"}}
            return [popular, BY_SCORE, TIEBREAK]
        case "recency":
            return [{recency_field: {"order": "desc", "missing": "_last"}}, TIEBREAK]
    raise invalid("sort", f"unknown sort {sort!r}")
