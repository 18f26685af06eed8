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


def _check_cell_km(cell_km: float) -> None:
    if not math.isfinite(cell_km) or cell_km <= 0:
        raise ValueError(f"a cell size must be a positive number of km, got {cell_km!r}")


def _cell(lat: float, lon: float, cell_km: float) -> tuple[int, int, float, float, float, float]:
    rows = _row_count(cell_km)
    row_deg = 180 / rows
    # The north pole belongs to the last row rather than to a row of its own.
    row = min(math.floor((lat + 90) / row_deg), rows - 1)
    south = -90 + row * row_deg
    north = -90 + (row + 1) * row_deg
    columns = _column_count((south + north) / 2, cell_km)
    column_deg = 360 / columns
    # 180° and -180° are the same meridian: both land in the first column.
    column = math.floor((lon + 180) / column_deg) % columns
    west = -180 + column * column_deg
    return row, column, south, north, west, west + column_deg


def cell_containing(point: Point, cell_km: float) -> GridCell:
    _check_cell_km(cell_km)
    row, column, south, north, west, east = _cell(point.lat, point.lon, cell_km)
    return GridCell(row=row, column=column, south=south, north=north, west=west, east=east)


def cell_centre(lat: float, lon: float, cell_km: float) -> tuple[float, float]:
    """The centre of the cell holding (lat, lon), as GridCell.centre computes it, for
    callers that hold plain, already valid coordinates: no struct is built per call."""
    _check_cell_km(cell_km)
    _, _, south, north, west, east = _cell(lat, lon, cell_km)
    return (south + north) / 2, (west + east) / 2


def snap_to_cell(point: Point, cell_km: float) -> Point:
    lat, lon = cell_centre(point.lat, point.lon, cell_km)
    return Point(lat=lat, lon=lon)
