"""What a served file says about itself: its type, its ETag, how long it may be cached."""

from __future__ import annotations

from lumen.media.formats import MediaType
from lumen.media.storage import validate_key

# Content-addressed: the bytes behind a key never change, so a cache never needs to ask.
IMMUTABLE = "public, max-age=31536000, immutable"
# The owner's original: revalidated each time, never kept by a shared cache.
OWNER_ONLY = "private, no-cache"
_BY_SUFFIX = {media_type.suffix: media_type for media_type in MediaType}


def media_type_of(key: str) -> MediaType:
    """Raises InvalidKeyError for anything that is not a storage key."""
    return _BY_SUFFIX[validate_key(key).rsplit(".", 1)[1]]


def etag_of(key: str) -> str:
    # The key is the content's SHA-256: a strong validator with no file to read.
    return f'"{key.split(".", 1)[0]}"'


def restricted(max_age_s: int) -> str:
    # Shown while its URL lasts, and only to the browser it was handed to.
    return f"private, max-age={max_age_s}, immutable"


def file_headers(key: str, cache_control: str) -> dict[str, str]:
    return {
        "etag": etag_of(key),
        "cache-control": cache_control,
        "x-content-type-options": "nosniff",
    }
