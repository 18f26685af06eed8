from __future__ import annotations

import pytest

from lumen.geo.cities import City
from lumen.geo.coordinates import Point
from lumen.geo.reverse import CityIndex, default_city_index, reverse_geocode


def town(geonameid: int, lat: float, lon: float, population: int = 5_000) -> City:
    return City(
        id=geonameid,
        name=f"Town {geonameid}",
        ascii_name=f"Town {geonameid}",
        country_code="XX",
        country_name="Nowhere",
        region_code="01",
        population=population,
        lat=lat,
        lon=lon,
        timezone="UTC",
    )


@pytest.mark.parametrize(
    "point",
    [
        Point(lat=48.8566, lon=2.3522),  # Hôtel de Ville
        Point(lat=48.8580, lon=2.3800),  # the 11th arrondissement, listed as places of its own
        Point(lat=48.8412, lon=2.3003),  # the 15th
    ],
)
def test_a_point_in_central_paris_is_in_paris(point: Point) -> None:
    city = reverse_geocode(point)
    assert city is not None
    assert (city.name, city.country_code) == ("Paris", "FR")


def test_a_point_in_lyon_is_in_lyon() -> None:
    city = reverse_geocode(Point(lat=45.7640, lon=4.8357))
    assert city is not None
    assert (city.name, city.country_code) == ("Lyon", "FR")


def test_a_point_in_a_town_far_from_any_city_core_is_in_that_town() -> None:
    city = reverse_geocode(Point(lat=64.1466, lon=-21.9426))
    assert city is not None
    assert city.name == "Reykjavík"


def test_the_middle_of_the_atlantic_is_in_no_city() -> None:
    assert reverse_geocode(Point(lat=30.0, lon=-40.0)) is None


def test_the_default_index_is_built_once() -> None:
    assert default_city_index() is default_city_index()
    assert len(default_city_index()) > 50_000


def test_outside_every_core_the_nearest_town_wins() -> None:
    index = CityIndex([town(1, 45.0, 5.0), town(2, 45.0, 5.2)])
    assert index.locate(Point(lat=45.0, lon=5.08)) == town(1, 45.0, 5.0)


def test_inside_a_big_city_core_the_big_city_wins_over_a_nearer_section() -> None:
    big, section = town(1, 45.0, 5.0, population=2_000_000), town(2, 45.0, 5.05, 60_000)
    assert CityIndex([section, big]).locate(Point(lat=45.0, lon=5.05)) == big


def test_no_town_within_the_maximum_distance_gives_none() -> None:
    index = CityIndex([town(1, 45.0, 5.0)])
    assert index.locate(Point(lat=45.0, lon=5.5), max_km=30) is None
    assert index.locate(Point(lat=45.0, lon=5.5), max_km=50) == town(1, 45.0, 5.0)


def test_towns_across_the_antimeridian_are_found() -> None:
    index = CityIndex([town(1, -16.5, 179.95)])
    assert index.locate(Point(lat=-16.5, lon=-179.95)) == town(1, -16.5, 179.95)


def test_near_a_pole_towns_on_the_far_side_are_found() -> None:
    index = CityIndex([town(1, 89.8, -170.0)])
    assert index.locate(Point(lat=89.8, lon=10.0)) == town(1, 89.8, -170.0)


def test_equally_near_towns_resolve_the_same_way_whatever_the_load_order() -> None:
    west, east = town(2, 45.0, 4.9), town(1, 45.0, 5.1)
    point = Point(lat=45.0, lon=5.0)
    assert CityIndex([west, east]).locate(point) == CityIndex([east, west]).locate(point) == east
