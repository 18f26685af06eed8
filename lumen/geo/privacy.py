from __future__ import annotations

import bisect
import enum
import math

import msgspec

from lumen.geo.coordinates import Point
from lumen.geo.grid import cell_centre, snap_to_cell

# About a kilometre each way: the cell centre is at most ~0.7 km from any point in
# the cell, and every point of the cell gives the same centre, so the stored point
# says which square kilometre someone is in and nothing finer.
APPROXIMATE_CELL_KM = 1.0
# Query origins get the same treatment: someone who moves the origin around a
# target in steps smaller than a cell gets identical answers at each step.
ORIGIN_CELL_KM = 1.0


class Precision(enum.StrEnum):
    EXACT = "exact"
    APPROXIMATE = "approximate"
    CITY = "city"
    HIDDEN = "hidden"


Coordinates = tuple[float, float]


def shown_precision(precision: Precision, *, is_studio: bool) -> Precision:
    """The precision a public document shows a location at."""
    if precision is Precision.EXACT and not is_studio:
        # A studio is a business address; anyone else's exact position is a home.
        return Precision.APPROXIMATE
    return precision


def public_location(
    raw: Point | None,
    precision: Precision,
    *,
    city_centre: Point | None,
    is_studio: bool,
) -> Point | None:
    """The location that may enter a public document, or None when none may.

    Falls back to less, never more: a missing raw point or city centre hides the
    location rather than reaching for the other one.
    """
    coordinates = public_coordinates(
        None if raw is None else (raw.lat, raw.lon),
        precision,
        city_centre=None if city_centre is None else (city_centre.lat, city_centre.lon),
        is_studio=is_studio,
    )
    return None if coordinates is None else Point(lat=coordinates[0], lon=coordinates[1])


def public_coordinates(
    raw: Coordinates | None,
    precision: Precision,
    *,
    city_centre: Coordinates | None,
    is_studio: bool,
) -> Coordinates | None:
    """public_location on (lat, lon) pairs the caller already knows to be valid (rows
    under the tables' range checks), so that a document costs no Point per place."""
    match shown_precision(precision, is_studio=is_studio):
        case Precision.EXACT:
            return raw
        case Precision.APPROXIMATE:
            return None if raw is None else cell_centre(raw[0], raw[1], APPROXIMATE_CELL_KM)
        case Precision.CITY:
            return city_centre
        case Precision.HIDDEN:
            return None


def snap_origin(origin: Point) -> Point:
    return snap_to_cell(origin, ORIGIN_CELL_KM)


class DistanceBucket(msgspec.Struct, frozen=True):
    """Distances from `from_km` (included) up to `to_km` (excluded), the range
    semantics of the engines' geo_distance aggregation; `to_km` None is open."""

    label: str
    from_km: float
    to_km: float | None


# In ascending order, so a bucket's index is its rank when sorting by distance.
DISTANCE_BUCKETS: tuple[DistanceBucket, ...] = (
    DistanceBucket("lt_1km", 0.0, 1.0),
    DistanceBucket("1_5km", 1.0, 5.0),
    DistanceBucket("5_10km", 5.0, 10.0),
    DistanceBucket("10_25km", 10.0, 25.0),
    DistanceBucket("25_50km", 25.0, 50.0),
    DistanceBucket("gt_50km", 50.0, None),
)
BUCKET_BOUNDS_KM: tuple[float, ...] = tuple(
    bucket.to_km for bucket in DISTANCE_BUCKETS if bucket.to_km is not None
)
BUCKET_RANK: dict[str, int] = {bucket.label: rank for rank, bucket in enumerate(DISTANCE_BUCKETS)}


def distance_bucket(km: float) -> str:
    if math.isnan(km) or km < 0:
        raise ValueError(f"a distance must be a non-negative number, got {km!r}")
    # bisect_right puts a distance equal to a bound in the bucket that starts there.
    return DISTANCE_BUCKETS[bisect.bisect_right(BUCKET_BOUNDS_KM, km)].label
