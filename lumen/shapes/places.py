"""Where a profile or photo is, as others may see it."""

from __future__ import annotations

from typing import Literal, Protocol

import msgspec

from lumen.geo.privacy import Precision as Rule
from lumen.geo.privacy import shown_precision

Precision = Literal["exact", "approximate", "city", "hidden"]
_PRECISIONS: dict[Rule, Precision] = {
    Rule.EXACT: "exact",
    Rule.APPROXIMATE: "approximate",
    Rule.CITY: "city",
    Rule.HIDDEN: "hidden",
}


class CityRow(Protocol):
    """A city as the tables hold it."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def country_code(self) -> str: ...
    @property
    def country_name(self) -> str: ...


class Place(msgspec.Struct, frozen=True, kw_only=True):
    """A city (none while the location is hidden) and how precisely its owner shares where
    they are; never finer than `precision` is served, and never coordinates."""

    precision: Precision
    city_id: int | None
    city: str | None
    country_code: str | None
    country: str | None

    @classmethod
    def of(cls, precision: str, city: CityRow | None, *, is_studio: bool) -> Place:
        """The place a public document shows for a row at `precision` in `city`."""
        shown = shown_precision(Rule(precision), is_studio=is_studio)
        value = _PRECISIONS[shown]
        if shown is Rule.HIDDEN or city is None:
            return cls(precision=value, city_id=None, city=None, country_code=None, country=None)
        return cls(
            precision=value,
            city_id=city.id,
            city=city.name,
            country_code=city.country_code,
            country=city.country_name,
        )
