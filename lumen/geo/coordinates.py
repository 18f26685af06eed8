from __future__ import annotations

import math
import re

import msgspec

# Query parameters are short; anything longer is not a coordinate and is refused
# before any parsing work.
_MAX_PARAMETER_LENGTH = 200
# Plain decimals only: float() would also take "nan", "inf", "1e3" and "4_8".
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


class InvalidCoordinatesError(ValueError):
    """Coordinates outside the globe, not finite, or not parseable.

    A ValueError so that msgspec reports it as a validation error with the field's
    path when a Point or BBox is decoded from a request body.
    """


def check_latitude(value: float) -> float:
    if not math.isfinite(value) or not -90.0 <= value <= 90.0:
        raise InvalidCoordinatesError(f"latitude must be a number in [-90, 90], got {value!r}")
    return float(value)


def check_longitude(value: float) -> float:
    if not math.isfinite(value) or not -180.0 <= value <= 180.0:
        raise InvalidCoordinatesError(f"longitude must be a number in [-180, 180], got {value!r}")
    return float(value)


class Point(msgspec.Struct, frozen=True, kw_only=True):
    """A WGS84 position. Encodes as {"lat": …, "lon": …}, a valid geo_point."""

    lat: float
    lon: float

    def __post_init__(self) -> None:
        # msgspec runs this on construction and on decoding alike, so an invalid
        # Point cannot exist anywhere in Lumen.
        check_latitude(self.lat)
        check_longitude(self.lon)


class BBox(msgspec.Struct, frozen=True, kw_only=True):
    """A box between two parallels and two meridians.

    `west > east` is a box that crosses the antimeridian (as in RFC 7946), which
    the engines' geo_bounding_box accepts as it is.
    """

    west: float
    south: float
    east: float
    north: float

    def __post_init__(self) -> None:
        check_longitude(self.west)
        check_longitude(self.east)
        check_latitude(self.south)
        check_latitude(self.north)
        if self.south >= self.north:
            raise InvalidCoordinatesError("the south edge of a bbox must be below its north edge")
        if self.west == self.east:
            raise InvalidCoordinatesError("a bbox must have a width: west and east must differ")

    @property
    def crosses_antimeridian(self) -> bool:
        return self.west > self.east

    @property
    def top_left(self) -> Point:
        return Point(lat=self.north, lon=self.west)

    @property
    def bottom_right(self) -> Point:
        return Point(lat=self.south, lon=self.east)


def check_point(lat: float, lon: float) -> Point:
    return Point(lat=lat, lon=lon)


def _decimals(text: str, count: int, shape: str) -> list[float]:
    if len(text) > _MAX_PARAMETER_LENGTH:
        raise InvalidCoordinatesError(f"expected {shape}, got a value that is too long")
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != count or not all(_DECIMAL.fullmatch(part) for part in parts):
        raise InvalidCoordinatesError(f"expected {shape} as decimal degrees, got {text!r}")
    return [float(part) for part in parts]


def parse_point(text: str) -> Point:
    """Parse "lat,lon" (latitude first, the order people write and the engines' string form)."""
    lat, lon = _decimals(text, 2, "lat,lon")
    return Point(lat=lat, lon=lon)


def parse_bbox(text: str) -> BBox:
    """Parse "min_lon,min_lat,max_lon,max_lat", that is west,south,east,north.

    Longitude first, unlike parse_point: it is the bbox order of RFC 7946 and of
    the bounds string that web map libraries hand to the client, so a viewport
    can be passed on as it is.
    """
    west, south, east, north = _decimals(text, 4, "min_lon,min_lat,max_lon,max_lat")
    return BBox(west=west, south=south, east=east, north=north)
