from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lumen.geo.coordinates import Point
from lumen.geo.distance import haversine_km
from lumen.geo.grid import cell_containing
from lumen.geo.privacy import (
    APPROXIMATE_CELL_KM,
    ORIGIN_CELL_KM,
    Precision,
    distance_bucket,
    public_location,
    snap_origin,
)

latitudes = st.floats(min_value=-90, max_value=90)
longitudes = st.floats(min_value=-180, max_value=180)
points = st.builds(Point, lat=latitudes, lon=longitudes)
# Away from the poles, where cells are true ~1 km squares.
inhabited = st.builds(Point, lat=st.floats(min_value=-85, max_value=85), lon=longitudes)
PARIS_CENTRE = Point(lat=48.85341, lon=2.3488)
HOME = Point(lat=48.86471, lon=2.37893)


def approximate(raw: Point) -> Point | None:
    return public_location(raw, Precision.APPROXIMATE, city_centre=None, is_studio=False)


def points_in_cell_of(raw: Point, cell_km: float) -> st.SearchStrategy[Point]:
    cell = cell_containing(raw, cell_km)
    # A centimetre inside the edges, clear of rounding at the boundaries.
    inset = 1e-7
    return st.builds(
        Point,
        lat=st.floats(min_value=cell.south + inset, max_value=cell.north - inset),
        lon=st.floats(min_value=cell.west + inset, max_value=min(180, cell.east - inset)),
    )


@given(points)
def test_approximate_is_deterministic(raw: Point) -> None:
    assert approximate(raw) == approximate(Point(lat=raw.lat, lon=raw.lon))


@given(inhabited)
def test_approximate_is_within_a_kilometre_of_the_raw_point(raw: Point) -> None:
    public = approximate(raw)
    assert public is not None
    assert haversine_km(raw.lat, raw.lon, public.lat, public.lon) <= 0.75


@given(points)
def test_approximate_stays_within_two_kilometres_even_at_the_poles(raw: Point) -> None:
    public = approximate(raw)
    assert public is not None
    assert haversine_km(raw.lat, raw.lon, public.lat, public.lon) <= 2.0


@given(points)
def test_approximate_never_returns_the_raw_point(raw: Point) -> None:
    # A raw point that is itself a cell centre comes back unchanged, but then it is
    # indistinguishable from every other point of its cell.
    assume(raw != cell_containing(raw, APPROXIMATE_CELL_KM).centre)
    assert approximate(raw) != raw


@given(st.data(), inhabited)
def test_approximate_gives_one_point_for_the_whole_cell(data: st.DataObject, raw: Point) -> None:
    others = data.draw(st.lists(points_in_cell_of(raw, APPROXIMATE_CELL_KM), min_size=1))
    assert {approximate(other) for other in others} == {approximate(raw)}


def test_origins_chosen_around_someone_cannot_locate_them_within_their_cell() -> None:
    # Whatever the raw point inside the cell, every origin an attacker picks sees the
    # same bucket, so no number of queries narrows the position down.
    cell = cell_containing(HOME, APPROXIMATE_CELL_KM)
    steps = [i / 10 for i in range(1, 10)]
    candidates = [
        Point(
            lat=cell.south + (cell.north - cell.south) * a,
            lon=cell.west + (cell.east - cell.west) * b,
        )
        for a in steps
        for b in steps
    ]
    origins = [
        Point(lat=HOME.lat + dy, lon=HOME.lon + dx)
        for dy in (-0.02, 0, 0.013)
        for dx in (-0.03, 0.011)
    ]
    for origin in origins:
        snapped = snap_origin(origin)
        seen = set()
        for candidate in candidates:
            public = approximate(candidate)
            assert public is not None
            seen.add(
                distance_bucket(haversine_km(snapped.lat, snapped.lon, public.lat, public.lon))
            )
        assert len(seen) == 1


@given(st.data(), inhabited)
def test_query_origins_in_one_cell_snap_to_one_origin(data: st.DataObject, origin: Point) -> None:
    nearby = data.draw(st.lists(points_in_cell_of(origin, ORIGIN_CELL_KM), min_size=1))
    assert {snap_origin(point) for point in nearby} == {snap_origin(origin)}


@pytest.mark.parametrize("is_studio", [True, False])
def test_hidden_locations_never_reach_a_document(is_studio: bool) -> None:
    assert (
        public_location(HOME, Precision.HIDDEN, city_centre=PARIS_CENTRE, is_studio=is_studio)
        is None
    )


def test_exact_location_is_kept_for_a_studio() -> None:
    assert public_location(HOME, Precision.EXACT, city_centre=None, is_studio=True) == HOME


def test_exact_location_of_anything_but_a_studio_is_approximated() -> None:
    public = public_location(HOME, Precision.EXACT, city_centre=None, is_studio=False)
    assert public == approximate(HOME)
    assert public != HOME


def test_city_precision_gives_the_city_centre() -> None:
    assert (
        public_location(HOME, Precision.CITY, city_centre=PARIS_CENTRE, is_studio=False)
        == PARIS_CENTRE
    )


def test_city_precision_without_a_known_city_hides_the_location() -> None:
    assert public_location(HOME, Precision.CITY, city_centre=None, is_studio=False) is None


@pytest.mark.parametrize("precision", [Precision.EXACT, Precision.APPROXIMATE])
def test_a_precise_setting_without_coordinates_gives_no_location(precision: Precision) -> None:
    assert public_location(None, precision, city_centre=PARIS_CENTRE, is_studio=True) is None
