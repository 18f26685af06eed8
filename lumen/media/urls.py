"""Signed variant URLs: made from a key and a visibility alone, checked without a database.

The query side signs the keys it finds in the index; the file endpoint checks the
signature and the expiry, so nobody can fetch a variant without having been handed its
URL by someone allowed to see the photo.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import time
from enum import StrEnum

import msgspec

MEDIA_PATH = "/v1/media"
# Expiries are rounded up to a bucket: every URL made within one bucket is the same URL,
# so browsers and CDNs keep hitting their caches. A URL lives between one and two buckets.
PUBLIC_BUCKET_S = 30 * 24 * 3600
RESTRICTED_BUCKET_S = 10 * 60
_DOMAIN = b"lumen media url v1"


class Scope(StrEnum):
    # Any URL-holder may keep it for a year; a CDN may share it.
    PUBLIC = "p"
    # Followers-only or private: shown only until the URL expires, never to a shared cache.
    RESTRICTED = "r"


class SignedUrl(msgspec.Struct, frozen=True):
    key: str
    scope: Scope
    expires: int

    @property
    def remaining_s(self) -> int:
        return max(0, self.expires - math.floor(time.time()))


class UrlInvalid(Exception):
    """Tampered, malformed or made with another key."""


class UrlExpired(Exception):
    pass


def scope_of(visibility: str) -> Scope:
    return Scope.PUBLIC if visibility == "public" else Scope.RESTRICTED


def expiry(scope: Scope, now: float | None = None) -> int:
    bucket = PUBLIC_BUCKET_S if scope is Scope.PUBLIC else RESTRICTED_BUCKET_S
    moment = time.time() if now is None else now
    return (math.floor(moment) // bucket + 2) * bucket


def variant_url(secret_key: str, key: str, visibility: str, now: float | None = None) -> str:
    scope = scope_of(visibility)
    expires = expiry(scope, now)
    signature = _signature(secret_key, key, scope, expires)
    return f"{MEDIA_PATH}/{key}?scope={scope.value}&exp={expires}&sig={signature}"


def verify(
    secret_key: str, key: str, scope: str, expires: str, signature: str, now: float | None = None
) -> SignedUrl:
    try:
        parsed = SignedUrl(key=key, scope=Scope(scope), expires=int(expires))
    except ValueError:
        raise UrlInvalid from None
    expected = _signature(secret_key, parsed.key, parsed.scope, parsed.expires)
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        raise UrlInvalid
    if parsed.expires <= (time.time() if now is None else now):
        raise UrlExpired
    return parsed


def _signature(secret_key: str, key: str, scope: Scope, expires: int) -> str:
    # A key of its own, so a signature made here is never valid for anything else signed
    # with the secret (cursors, for one).
    url_key = hmac.new(secret_key.encode(), _DOMAIN, hashlib.sha256).digest()
    message = f"{key}\n{scope.value}\n{expires}".encode()
    digest = hmac.new(url_key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:20]).rstrip(b"=").decode()
