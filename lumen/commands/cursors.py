"""Keyset cursors for the lists served from Postgres: the last row's sort key, as opaque
URL-safe text; anything a list did not hand out is a 422 on the `cursor` parameter."""

from __future__ import annotations

import base64
from typing import TypeVar

import msgspec
from litestar.exceptions import ValidationException

K = TypeVar("K", bound=msgspec.Struct)


def encode(key: msgspec.Struct) -> str:
    raw = msgspec.json.encode(key)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, kind: type[K]) -> K:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return msgspec.json.decode(raw, type=kind)
    except (ValueError, msgspec.DecodeError):
        raise ValidationException(
            detail="Invalid value for cursor",
            extra=[{"key": "cursor", "message": "not a cursor this list handed out"}],
        ) from None
