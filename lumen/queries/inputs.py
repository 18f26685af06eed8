"""The query parameters the read endpoints share: their bounds, and the parsing of the
ones that carry structure. Anything out of bounds is a 422 with the parameter named,
never an engine error."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from litestar.exceptions import ValidationException
from litestar.params import Parameter

from lumen.geo.coordinates import BBox, InvalidCoordinatesError, Point, parse_bbox, parse_point

MAX_Q_LENGTH = 200
MAX_SUGGEST_LENGTH = 50
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
MAX_VALUES = 10
# A radius is rounded up to one of these, so that moving it by small steps around
# someone tells nothing about where they are beyond which band they fall in.
RADII_KM = (1, 5, 10, 25, 50, 100, 200)

Sort = Literal["relevance", "distance", "popularity", "recency"]
Role = Literal["photographer", "model"]
Orientation = Literal["landscape", "portrait", "square"]

Q = Annotated[
    str | None, Parameter(max_length=MAX_Q_LENGTH, description="Free text; typos and accents ok")
]
PageSize = Annotated[int, Parameter(ge=1, le=MAX_PAGE_SIZE, description="Results per page")]
Cursor = Annotated[
    str | None,
    Parameter(max_length=1024, description="`next_cursor` of the previous page, as it was"),
]
Near = Annotated[str | None, Parameter(max_length=100, description="`lat,lon` in decimal degrees")]
RadiusKm = Annotated[
    float,
    Parameter(
        gt=0,
        le=RADII_KM[-1],
        description=f"Kilometres, rounded up to one of {', '.join(map(str, RADII_KM))}",
    ),
]
Radius = Annotated[float | None, Parameter(gt=0, le=RADII_KM[-1], description="Needs `near`")]
Roles = Annotated[list[Role] | None, Parameter(max_items=2)]
Keywords = Annotated[
    list[str] | None, Parameter(max_items=MAX_VALUES, description="Repeat to match any of several")
]
CityId = Annotated[int | None, Parameter(ge=1, le=2**31 - 1, description="A city id")]
Country = Annotated[
    str | None, Parameter(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code")
]
Day = Annotated[dt.date | None, Parameter(description="YYYY-MM-DD")]


def invalid(field: str, message: str) -> ValidationException:
    return ValidationException(
        detail=f"Invalid value for {field}",
        extra=[{"key": field, "message": message, "source": "query"}],
    )


def near_point(text: str | None) -> Point | None:
    if text is None:
        return None
    try:
        return parse_point(text)
    except InvalidCoordinatesError as exc:
        raise invalid("near", str(exc)) from None


def bbox(text: str) -> BBox:
    try:
        return parse_bbox(text)
    except InvalidCoordinatesError as exc:
        raise invalid("bbox", str(exc)) from None


def radius_km(asked: float) -> int:
    return next(r for r in RADII_KM if asked <= r)


def radius_around(near: str | None, asked: float | None) -> int | None:
    """An optional radius, which only means something around `near`."""
    if asked is None:
        return None
    if near is None:
        raise invalid("radius_km", "a radius needs `near`")
    return radius_km(asked)


def keywords(field: str, values: list[str] | None, max_length: int = 64) -> list[str]:
    cleaned = [v.strip() for v in values or [] if v.strip()]
    if any(len(v) > max_length for v in cleaned):
        raise invalid(field, f"each value must be at most {max_length} characters")
    return cleaned


def text(q: str | None) -> str | None:
    stripped = (q or "").strip()
    return stripped or None
