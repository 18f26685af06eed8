"""Field types and normalisers shared by the command structs: bounded text, tags,
language codes, links, locations. Errors raised here become 422 field errors."""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Literal

import msgspec
import pycountry

from lumen.links import normalise

Visibility = Literal["public", "followers", "private"]
Precision = Literal["exact", "approximate", "city", "hidden"]

Latitude = Annotated[float, msgspec.Meta(ge=-90, le=90)]
Longitude = Annotated[float, msgspec.Meta(ge=-180, le=180)]
Reason = Annotated[str, msgspec.Meta(min_length=3, max_length=500)]

MAX_TAGS = 30
MAX_TAG_LENGTH = 40
MAX_LANGUAGES = 10
MAX_LINKS = 10
_TAG_CHARS = re.compile(r"[^\w\- ]+")
_SPACES = re.compile(r"\s+")


def text(value: str | None, field: str, max_length: int, required: bool = False) -> str | None:
    """Strips surrounding space; empty optional text becomes None."""
    if value is None:
        if required:
            raise ValueError(f"{field} is required")
        return None
    cleaned = value.strip()
    if not cleaned:
        if required:
            raise ValueError(f"{field} must not be blank")
        return None
    if len(cleaned) > max_length:
        raise ValueError(f"{field} must be at most {max_length} characters")
    if any(ord(c) < 32 and c not in "\n\t" for c in cleaned):
        raise ValueError(f"{field} must not contain control characters")
    return cleaned


def tags(values: list[str]) -> list[str]:
    """Lower case, '#' and punctuation dropped, spaces collapsed, duplicates removed."""
    normalised: list[str] = []
    for raw in values:
        tag = _SPACES.sub(" ", _TAG_CHARS.sub("", raw.lower().lstrip("#"))).strip()
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValueError(f"tags must be at most {MAX_TAG_LENGTH} characters each")
        if tag not in normalised:
            normalised.append(tag)
    if len(normalised) > MAX_TAGS:
        raise ValueError(f"at most {MAX_TAGS} tags")
    return normalised


@cache
def _language_codes() -> frozenset[str]:
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


def languages(values: list[str]) -> list[str]:
    codes = list(dict.fromkeys(v.strip().lower() for v in values))
    unknown = [c for c in codes if c not in _language_codes()]
    if unknown:
        raise ValueError(f"languages must be ISO 639-1 codes; unknown: {', '.join(unknown[:5])}")
    if len(codes) > MAX_LANGUAGES:
        raise ValueError(f"at most {MAX_LANGUAGES} languages")
    return codes


def links(values: list[str]) -> list[str]:
    """Each in the one form it is stored and shown in (lumen.links holds the rules)."""
    cleaned = list(dict.fromkeys(normalise(v) for v in values))
    if len(cleaned) > MAX_LINKS:
        raise ValueError(f"at most {MAX_LINKS} links")
    return cleaned


class LocationIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A city, or coordinates with the precision the owner allows them to be shown at."""

    precision: Precision = "city"
    city_id: int | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None

    def __post_init__(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("location.latitude and location.longitude go together")
        has_point = self.latitude is not None
        if self.precision in {"exact", "approximate"} and not has_point:
            raise ValueError(f"location.precision {self.precision} needs coordinates")
        if self.precision == "city" and not has_point and self.city_id is None:
            raise ValueError("location needs a city_id or coordinates")
