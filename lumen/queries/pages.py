"""Pages of profiles and photos: where a page starts (`search_after`), and how the
engine's answer becomes a page of views.

A page's cursor is the engine's sort values, encrypted and authenticated, bound to the
query it came from: a client sees random bytes; nothing in them (scores, distances, ids)
can be read, altered or carried to another query."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from lumen.http import Req
from lumen.queries import facets, results
from lumen.queries.inputs import invalid
from lumen.queries.views import PhotoPage, ProfilePage, photo_view, profile_view
from lumen.resources import Resources

P = TypeVar("P", ProfilePage, PhotoPage)
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
    request: Req, secret_key: str, viewer_uid: str | None, size: int, cursor: str | None
) -> Page:
    """The page a request asks for, its cursor bound to this very request and viewer."""
    query = list(request.query_params.multi_items())
    return Page.open(secret_key, fingerprint(request.url.path, query, viewer_uid), size, cursor)


async def _page(
    request: Req,
    resources: Resources,
    name: str,
    body: dict[str, Any],
    page: Page,
    kind: type[P],
    view: Callable[[dict[str, Any]], Any],
) -> P:
    async def produce() -> P:
        found = await results.search(resources, name, body)
        listed = results.hits(found)
        counted = found["hits"].get("total")
        return kind(
            items=[view(hit) for hit in listed[: page.size]],
            next_cursor=page.next_cursor(resources.settings.secret_key, listed),
            total=None if counted is None else int(counted["value"]),
            total_exact=counted is not None and counted["relation"] == "eq",
            facets=facets.counts(found.get("aggregations", {})),
        )

    return await results.cached(request, resources, kind, produce)


async def profiles(
    request: Req, resources: Resources, body: dict[str, Any], page: Page
) -> ProfilePage:
    return await _page(request, resources, "profiles", body, page, ProfilePage, profile_view)


async def photos(request: Req, resources: Resources, body: dict[str, Any], page: Page) -> PhotoPage:
    secret_key = resources.settings.secret_key
    return await _page(
        request, resources, "photos", body, page, PhotoPage, lambda hit: photo_view(hit, secret_key)
    )
