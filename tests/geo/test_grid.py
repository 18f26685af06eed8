from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lumen.geo.coordinates import Point
from lumen.geo.distance import haversine_km
from lumen.geo.grid import GridCell, cell_containing, snap_to_cell

points = st.builds(
    Point, lat=st.floats(min_value=-90, max_value=90), lon=st.floats(min_value=-180, max_value=180)
)


def _size_km(cell: GridCell) -> tuple[float, float]:
    mid = cell.centre
    height = haversine_km(cell.south, mid.lon, cell.north, mid.lon)
    width = haversine_km(mid.lat, cell.west, mid.lat, cell.east)
    return height, width


@pytest.mark.parametrize("lat", [0.3, 30.0, 48.85, -45.0, 70.0, 80.0])
def test_a_cell_measures_about_a_kilometre_both_ways_at_any_latitude(lat: float) -> None:
    height, width = _size_km(cell_containing(Point(lat=lat, lon=2.35), 1.0))
    assert height == pytest.approx(1.0, rel=0.01)
    assert width == pytest.approx(1.0, rel=0.01)


@given(points)
def test_a_point_lies_in_its_own_cell(point: Point) -> None:
    cell = cell_containing(point, 1.0)
    assert cell.south - 1e-9 <= point.lat <= cell.north + 1e-9
    # -180 and 180 are one meridian, and both belong to the first column.
    lon = point.lon - 360 if point.lon >= cell.east + 1e-9 else point.lon
    assert cell.west - 1e-9 <= lon <= cell.east + 1e-9


@given(points)
def test_snapping_a_snapped_point_changes_nothing(point: Point) -> None:
    once = snap_to_cell(point, 1.0)
    assert snap_to_cell(once, 1.0) == once


def test_the_antimeridian_seen_from_either_side_is_one_cell() -> None:
    assert cell_containing(Point(lat=-17.7, lon=180.0), 1.0) == cell_containing(
        Point(lat=-17.7, lon=-180.0), 1.0
    )


@pytest.mark.parametrize("lat", [90.0, -90.0])
def test_the_poles_snap_to_a_valid_point(lat: float) -> None:
    centre = snap_to_cell(Point(lat=lat, lon=45.0), 1.0)
    assert haversine_km(lat, 0.0, centre.lat, centre.lon) < 1.0


@pytest.mark.parametrize("cell_km", [0.0, -1.0, float("nan"), float("inf")])
def test_refuses_a_cell_size_that_is_not_a_positive_distance(cell_km: float) -> None:
    with pytest.raises(ValueError, match="cell size"):
        cell_containing(Point(lat=0, lon=0), cell_km)
