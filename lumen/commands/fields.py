"""Field types and normalisers shared by the command structs: bounded text, tags,
language codes, links, locations. Errors raised here become 422 field errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, partial
from typing import Annotated, Any, ClassVar

import msgspec
import pycountry

from lumen.links import normalise
from lumen.shapes.places import Precision
from lumen.validation import FieldError, Invalid

Latitude = Annotated[float, msgspec.Meta(ge=-90, le=90)]
Longitude = Annotated[float, msgspec.Meta(ge=-180, le=180)]
Reason = Annotated[str, msgspec.Meta(min_length=3, max_length=500)]

MAX_TAGS = 30
MAX_TAG_LENGTH = 40
MAX_LANGUAGES = 10
MAX_LINKS = 10
_TAG_CHARS = re.compile(r"[^\w\- ]+")
_SPACES = re.compile(r"\s+")


def text(value: str | None, max_length: int, required: bool = False) -> str | None:
    """Strips surrounding space; empty optional text becomes None."""
    if value is None:
        if required:
            raise ValueError("required")
        return None
    cleaned = value.strip()
    if not cleaned:
        if required:
            raise ValueError("must not be blank")
        return None
    if len(cleaned) > max_length:
        raise ValueError(f"must be at most {max_length} characters")
    if any(ord(c) < 32 and c not in "\n\t" for c in cleaned):
        raise ValueError("must not contain control characters")
    return cleaned


def text_of(max_length: int, required: bool = False) -> Callable[[str | None], str | None]:
    return partial(text, max_length=max_length, required=required)


def _each(values: list[str], check: Callable[[str], str | None]) -> None:
    """Raises with the index of every value `check` finds fault with."""
    errors = [FieldError(f"[{i}]", why) for i, v in enumerate(values) if (why := check(v))]
    if errors:
        raise Invalid(errors)


def _tag(raw: str) -> str:
    return _SPACES.sub(" ", _TAG_CHARS.sub("", raw.lower().lstrip("#"))).strip()


def tags(values: list[str]) -> list[str]:
    """Lower case, '#' and punctuation dropped, spaces collapsed, duplicates removed."""
    too_long = f"must be at most {MAX_TAG_LENGTH} characters"
    _each(values, lambda raw: too_long if len(_tag(raw)) > MAX_TAG_LENGTH else None)
    normalised = list(dict.fromkeys(tag for raw in values if (tag := _tag(raw))))
    if len(normalised) > MAX_TAGS:
        raise ValueError(f"at most {MAX_TAGS} tags")
    return normalised


@cache
def _language_codes() -> frozenset[str]:
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


def languages(values: list[str]) -> list[str]:
    unknown = "not an ISO 639-1 language code"
    _each(values, lambda v: None if v.strip().lower() in _language_codes() else unknown)
    codes = list(dict.fromkeys(v.strip().lower() for v in values))
    if len(codes) > MAX_LANGUAGES:
        raise ValueError(f"at most {MAX_LANGUAGES} languages")
    return codes


def _link_fault(link: str) -> str | None:
    try:
        normalise(link)
    except ValueError as exc:
        return str(exc)
    return None


def links(values: list[str]) -> list[str]:
    """Each in the one form it is stored and shown in (lumen.links holds the rules)."""
    _each(values, _link_fault)
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

    example: ClassVar[dict[str, Any]] = {
        "precision": "approximate",
        "latitude": 48.8612,
        "longitude": 2.3305,
    }

    def __post_init__(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            missing = "latitude" if self.latitude is None else "longitude"
            raise Invalid.at(missing, "latitude and longitude go together")
        # A precision alone (no city, no coordinates) shows the location Lumen already
        # holds at that precision: `locations.resolve` checks that one is held.

    @property
    def precision_only(self) -> bool:
        return self.city_id is None and self.latitude is None
