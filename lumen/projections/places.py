"""A row's place as a public document may show it, after the privacy rules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import RowMapping

from lumen.geo.privacy import Precision, public_coordinates

# By value, so that a row's precision is one dict lookup and the document keeps the
# plain string (an enum's `.value` is a descriptor call per access).
_PRECISIONS = {precision.value: precision for precision in Precision}


def place(row: RowMapping, *, is_studio: bool) -> dict[str, Any]:
    value = row["location_precision"]
    if value not in _PRECISIONS:
        Precision(value)  # an unknown precision fails the document, as it always has
    if value == "exact" and not is_studio:
        value = "approximate"
    precision = _PRECISIONS[value]
    # Plain pairs rather than Points: the tables' range checks already hold every row's
    # coordinates to the globe, so validating them again per document bought nothing.
    lat, city_lat = row["latitude"], row["city_lat"]
    raw = None if lat is None else (lat, row["longitude"])
    centre = None if city_lat is None else (city_lat, row["city_lon"])
    point = public_coordinates(raw, precision, city_centre=centre, is_studio=is_studio)
    location = None if point is None else {"lat": point[0], "lon": point[1]}
    city_name = row["city_name"]
    if precision is Precision.HIDDEN or city_name is None:
        return {"location": location, "location_precision": value}
    return {
        "city_id": row["city_id"],
        "city_name": city_name,
        "country_code": row["country_code"],
        "country_name": row["country_name"],
        "location": location,
        "location_precision": value,
    }
