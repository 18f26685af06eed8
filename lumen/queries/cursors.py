"""Opaque page cursors: the engine's sort values for `search_after`, encrypted and
authenticated, bound to the query they came from. A client sees random bytes; nothing
in them (scores, distances, ids) can be read, altered or carried to another query."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from typing import Any

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from lumen.queries.inputs import invalid

_DOMAIN = b"lumen query cursor v1"
_NONCE_BYTES = 12

SortValues = list[Any]


class _Payload(msgspec.Struct, array_like=True):
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


def encode(secret_key: str, bound_to: bytes, after: SortValues, as_of: int) -> str:
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(_key(secret_key)).encrypt(
        nonce, msgspec.msgpack.encode(_Payload(after, as_of)), bound_to
    )
    return base64.urlsafe_b64encode(nonce + sealed).rstrip(b"=").decode()


def decode(secret_key: str, bound_to: bytes, cursor: str) -> tuple[SortValues, int]:
    """The sort values and time a cursor carries; 422 for anything not made by `encode`
    for this very query."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        nonce, sealed = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:]
        plain = AESGCM(_key(secret_key)).decrypt(nonce, sealed, bound_to)
        payload = msgspec.msgpack.decode(plain, type=_Payload)
    except (ValueError, InvalidTag, msgspec.DecodeError):
        raise invalid("cursor", "not a cursor of this query; start again without one") from None
    return payload.after, payload.as_of
