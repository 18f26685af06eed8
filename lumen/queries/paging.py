"""Sorting and `search_after` paging. Every order ends on the document id, so pages never
overlap or skip however many documents tie on the keys before it.

A page's cursor is the engine's sort values, encrypted and authenticated, bound to the
query it came from: a client sees random bytes; nothing in them (scores, distances, ids)
can be read, altered or carried to another query."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time
from dataclasses import dataclass
from typing import Any

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from lumen.geo.coordinates import Point
from lumen.http import Req
from lumen.queries.audience import Viewer
from lumen.queries.inputs import invalid
from lumen.queries.relevance import rank_sort

TIEBREAK: dict[str, Any] = {"id": "asc"}
BY_SCORE: dict[str, Any] = {"_score": "desc"}
_DOMAIN = b"lumen query cursor v1"
_NONCE_BYTES = 12

SortValues = list[Any]


class _Cursor(msgspec.Struct, array_like=True):
    after: SortValues
    # Fixed for the whole walk through the pages, so that time-decayed scores do not
    # move between one page and the next.
    as_of: int


def _key(secret_key: str) -> bytes:
    # Derived for cursors alone: nothing else signed with the secret can pass as one.
    return hmac.new(secret_key.encode(), _DOMAIN, hashlib.sha256).digest()


def fingerprint(path: str, query: list[tuple[str, str]], viewer: str | None) -> bytes:
    """What a cursor is bound to: the endpoint, every query parameter but the cursor, and
    who asked."""
    kept = sorted((k, v) for k, v in query if k != "cursor")
    return hashlib.sha256(msgspec.json.encode([path, kept, viewer])).digest()


def seal(secret_key: str, bound_to: bytes, after: SortValues, as_of: int) -> str:
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(_key(secret_key)).encrypt(
        nonce, msgspec.msgpack.encode(_Cursor(after, as_of)), bound_to
    )
    return base64.urlsafe_b64encode(nonce + sealed).rstrip(b"=").decode()


def unseal(secret_key: str, bound_to: bytes, cursor: str) -> tuple[SortValues, int]:
    """The sort values and time a cursor carries; 422 for anything not made by `seal`
    for this very query."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        nonce, sealed = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:]
        plain = AESGCM(_key(secret_key)).decrypt(nonce, sealed, bound_to)
        payload = msgspec.msgpack.decode(plain, type=_Cursor)
    except (ValueError, InvalidTag, msgspec.DecodeError):
        raise invalid("cursor", "not a cursor of this query; start again without one") from None
    return payload.after, payload.as_of


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
        after, as_of = unseal(secret_key, bound_to, cursor)
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
        return seal(secret_key, self.bound_to, hits[self.size - 1]["sort"], self.as_of)


def page_of(
    request: Req, secret_key: str, viewer: Viewer, page_size: int, cursor: str | None
) -> Page:
    """The page a request asks for, its cursor bound to this very request and viewer."""
    query = list(request.query_params.multi_items())
    return Page.open(
        secret_key, fingerprint(request.url.path, query, viewer.uid), page_size, cursor
    )


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
