"""A row's place as a public document may show it, after the privacy rules: the columns
profile and photo rows share for it, their mapping, and the builder."""

from __future__ import annotations

from typing import Any

import msgspec

from lumen.db.cities import City
from lumen.geo.privacy import Precision, public_coordinates, shown_precision
from lumen.projections.analysis import GEO_POINT, INTEGER, KEYWORD, text

# By value, so that a row's precision is one dict lookup and the document keeps the
# plain string (an enum's `.value` is a descriptor call per access).
_PRECISIONS = {precision.value: precision for precision in Precision}


class Placed(msgspec.Struct):
    """The first fields of a row with a place: its own columns, then its city's (through
    an outer join on `city_id`, see CITY_COLUMNS)."""

    city_id: int | None
    latitude: float | None
    longitude: float | None
    location_precision: str
    city_name: str | None
    country_code: str | None
    country_name: str | None
    city_lat: float | None
    city_lon: float | None


CITY_COLUMNS = {
    "city_name": City.name,
    "country_code": City.country_code,
    "country_name": City.country_name,
    "city_lat": City.latitude,
    "city_lon": City.longitude,
}

PLACE_MAPPING: dict[str, Any] = {
    "city_id": INTEGER,
    "city_name": text(keyword=True),
    "country_code": KEYWORD,
    "country_name": text(keyword=True),
    "location": GEO_POINT,
    "location_precision": KEYWORD,
}


def place(row: Placed, *, is_studio: bool) -> dict[str, Any]:
    value = row.location_precision
    if value not in _PRECISIONS:
        Precision(value)  # an unknown precision fails the document, as it always has
    precision = shown_precision(_PRECISIONS[value], is_studio=is_studio)
    value = precision.value
    # Plain pairs rather than Points: the tables' range checks already hold every row's
    # coordinates to the globe, so validating them again per document bought nothing.
    lat, lon, city_lat, city_lon = row.latitude, row.longitude, row.city_lat, row.city_lon
    raw = None if lat is None or lon is None else (lat, lon)
    centre = None if city_lat is None or city_lon is None else (city_lat, city_lon)
    point = public_coordinates(raw, precision, city_centre=centre, is_studio=is_studio)
    location = None if point is None else {"lat": point[0], "lon": point[1]}
    if precision is Precision.HIDDEN or row.city_name is None:
        return {"location": location, "location_precision": value}
    return {
        "city_id": row.city_id,
        "city_name": row.city_name,
        "country_code": row.country_code,
        "country_name": row.country_name,
        "location": location,
        "location_precision": value,
    }
