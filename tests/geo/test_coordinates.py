from __future__ import annotations

import math

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lumen.geo.coordinates import (
    BBox,
    InvalidCoordinatesError,
    Point,
    check_point,
    parse_bbox,
    parse_point,
)

latitudes = st.floats(min_value=-90, max_value=90)
longitudes = st.floats(min_value=-180, max_value=180)
not_latitudes = st.floats().filter(lambda v: not (math.isfinite(v) and -90 <= v <= 90))
not_longitudes = st.floats().filter(lambda v: not (math.isfinite(v) and -180 <= v <= 180))


@given(latitudes, longitudes)
def test_accepts_every_point_on_the_globe(lat: float, lon: float) -> None:
    assert check_point(lat, lon) == Point(lat=lat, lon=lon)


@given(not_latitudes, longitudes)
def test_refuses_latitudes_off_the_globe_or_not_finite(lat: float, lon: float) -> None:
    with pytest.raises(InvalidCoordinatesError):
        Point(lat=lat, lon=lon)


@given(latitudes, not_longitudes)
def test_refuses_longitudes_off_the_globe_or_not_finite(lat: float, lon: float) -> None:
    with pytest.raises(InvalidCoordinatesError):
        Point(lat=lat, lon=lon)


@pytest.mark.parametrize(
    "body",
    [b'{"lat": 90.5, "lon": 0}', b'{"lat": 0, "lon": -180.01}', b'{"lat": "48", "lon": 2}'],
)
def test_a_point_decoded_from_a_request_body_is_validated(body: bytes) -> None:
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(body, type=Point)


def test_a_point_encodes_as_a_geo_point_object() -> None:
    assert msgspec.json.encode(Point(lat=48.85, lon=2.35)) == b'{"lat":48.85,"lon":2.35}'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("48.8566,2.3522", Point(lat=48.8566, lon=2.3522)),
        (" -33.87 , 151.21 ", Point(lat=-33.87, lon=151.21)),
        ("90,-180", Point(lat=90, lon=-180)),
        ("+0.5,.5", Point(lat=0.5, lon=0.5)),
    ],
)
def test_parses_a_point_written_latitude_first(text: str, expected: Point) -> None:
    assert parse_point(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "48.8",
        "1,2,3",
        "nan,0",
        "0,inf",
        "1e1,0",
        "4_8,2",
        "abc,def",
        "91,0",
        "0,181",
        "1" * 500,
    ],
)
def test_refuses_a_point_that_is_not_two_decimals_on_the_globe(text: str) -> None:
    with pytest.raises(InvalidCoordinatesError):
        parse_point(text)


@given(latitudes, longitudes)
def test_a_point_written_in_decimal_degrees_parses_back(lat: float, lon: float) -> None:
    point = parse_point(f"{lat:.7f},{lon:.7f}")
    assert point.lat == pytest.approx(lat, abs=1e-7)
    assert point.lon == pytest.approx(lon, abs=1e-7)


@given(st.text(max_size=300))
def test_parsing_any_text_gives_a_point_or_a_coordinates_error(text: str) -> None:
    try:
        parse_point(text)
        parse_bbox(text)
    except InvalidCoordinatesError:
        pass


def test_parses_a_bbox_written_west_south_east_north() -> None:
    bbox = parse_bbox("2.22,48.81,2.47,48.90")
    assert bbox == BBox(west=2.22, south=48.81, east=2.47, north=48.90)
    assert bbox.top_left == Point(lat=48.90, lon=2.22)
    assert bbox.bottom_right == Point(lat=48.81, lon=2.47)
    assert not bbox.crosses_antimeridian


def test_a_bbox_whose_west_edge_is_east_of_its_east_edge_crosses_the_antimeridian() -> None:
    bbox = parse_bbox("170,-20,-170,-10")
    assert bbox.crosses_antimeridian
    assert bbox.top_left == Point(lat=-10, lon=170)


@pytest.mark.parametrize(
    "text",
    [
        "2.2,48.9,2.4,48.8",  # south above north
        "2.2,48.8,2.2,48.9",  # no width
        "2.2,48.8,2.4,48.8",  # no height
        "-181,0,10,10",
        "0,-91,10,10",
        "0,0,10,nan",
        "0,0,10",
        "0,0,10,10,10",
    ],
)
def test_refuses_a_bbox_that_is_not_a_box_on_the_globe(text: str) -> None:
    with pytest.raises(InvalidCoordinatesError):
        parse_bbox(text)
