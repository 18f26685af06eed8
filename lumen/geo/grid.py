from __future__ import annotations

import math

import msgspec

from lumen.geo.coordinates import Point
from lumen.geo.distance import KM_PER_DEGREE_LAT


class GridCell(msgspec.Struct, frozen=True, kw_only=True):
    """One cell of an equal-area-ish grid: rows of fixed height, and in each row
    columns whose width in degrees grows with latitude so that a cell measures
    about the same in kilometres both ways, from the equator to the poles."""

    row: int
    column: int
    south: float
    north: float
    west: float
    east: float

    @property
    def centre(self) -> Point:
        return Point(lat=(self.south + self.north) / 2, lon=(self.west + self.east) / 2)


def _row_count(cell_km: float) -> int:
    # Even, so that the equator is a row boundary rather than a row centre.
    return 2 * max(1, round(90 * KM_PER_DEGREE_LAT / cell_km))


def _column_count(centre_lat: float, cell_km: float) -> int:
    # Taken at the row's centre, so every point of a row agrees on the columns;
    # floored, so cells are never narrower than asked. Even, like the rows, so
    # that the prime meridian and the antimeridian are column boundaries.
    km_around = 360 * KM_PER_DEGREE_LAT * math.cos(math.radians(centre_lat))
    return 2 * max(1, math.floor(km_around / (2 * cell_km)))


def cell_containing(point: Point, cell_km: float) -> GridCell:
    if not math.isfinite(cell_km) or cell_km <= 0:
        raise ValueError(f"a cell size must be a positive number of km, got {cell_km!r}")
    rows = _row_count(cell_km)
    row_deg = 180 / rows
    # The north pole belongs to the last row rather than to a row of its own.
    row = min(math.floor((point.lat + 90) / row_deg), rows - 1)
    south = -90 + row * row_deg
    north = -90 + (row + 1) * row_deg
    columns = _column_count((south + north) / 2, cell_km)
    column_deg = 360 / columns
    # 180° and -180° are the same meridian: both land in the first column.
    column = math.floor((point.lon + 180) / column_deg) % columns
    west = -180 + column * column_deg
    return GridCell(
        row=row,
        column=column,
        south=south,
        north=north,
        west=west,
        east=west + column_deg,
    )


def snap_to_cell(point: Point, cell_km: float) -> Point:
    return cell_containing(point, cell_km).centre
