from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator

import msgspec

from lumen.geo.cities import City, iter_cities
from lumen.geo.coordinates import Point
from lumen.geo.distance import KM_PER_DEGREE_LAT, haversine_km

MAX_DISTANCE_KM = 50.0
_CELL_DEG = 0.5
_COLUMNS = round(360 / _CELL_DEG)
# GeoNames lists the sections of big cities (Paris's arrondissements and quartiers,
# Lyon 01…09, Berlin's Ortsteile) as places of their own, and the dataset carries
# no feature code to tell them apart. So a point is given to the most populous
# place whose core covers it, with a core radius growing as the square root of
# the population (about 9 km for Paris, 4 km for Lyon, 0.4 km for a town of
# 5,000); only a point in no core goes to the nearest place.
_CORE_KM_PER_SQRT_POPULATION = 0.006
_MAX_CORE_KM = 20.0


def _core_km(population: int) -> float:
    return min(_MAX_CORE_KM, _CORE_KM_PER_SQRT_POPULATION * math.sqrt(max(population, 0)))


def _outranks(city: City, other: City) -> bool:
    # Ties go to the lower id, so that a lookup never depends on load order.
    return (city.population, -city.id) > (other.population, -other.id)


def _row(lat: float) -> int:
    return math.floor((lat + 90) / _CELL_DEG)


def _column(lon: float) -> int:
    # Not wrapped here, so that a window across the antimeridian is one range.
    return math.floor((lon + 180) / _CELL_DEG)


class CityIndex:
    """Cities bucketed by half-degree cells, for repeated lookups after one build."""

    def __init__(self, cities: Iterable[City]) -> None:
        self._cells: defaultdict[tuple[int, int], list[City]] = defaultdict(list)
        for city in cities:
            self._cells[_row(city.lat), _column(city.lon) % _COLUMNS].append(city)

    def __len__(self) -> int:
        return sum(len(cell) for cell in self._cells.values())

    def _near(self, point: Point, radius_km: float) -> Iterator[City]:
        half_height = radius_km / KM_PER_DEGREE_LAT
        south, north = max(-90.0, point.lat - half_height), min(90.0, point.lat + half_height)
        # Meridians converge: the window widens towards the pole nearest the point,
        # up to every column at the pole itself.
        narrowest = math.cos(math.radians(max(abs(south), abs(north))))
        if narrowest * 180.0 <= half_height:
            columns = range(_COLUMNS)
        else:
            first = _column(point.lon - half_height / narrowest)
            last = _column(point.lon + half_height / narrowest)
            columns = range(first, min(last, first + _COLUMNS - 1) + 1)
        for row in range(_row(south), _row(north) + 1):
            for column in columns:
                yield from self._cells.get((row, column % _COLUMNS), ())

    def locate(self, point: Point, max_km: float = MAX_DISTANCE_KM) -> City | None:
        covering: City | None = None
        nearest: tuple[float, int, City] | None = None
        for city in self._near(point, max_km):
            km = haversine_km(point.lat, point.lon, city.lat, city.lon)
            if km > max_km:
                continue
            if km <= _core_km(city.population) and (covering is None or _outranks(city, covering)):
                covering = city
            if nearest is None or (km, city.id) < nearest[:2]:
                nearest = (km, city.id, city)
        if covering is not None:
            return covering
        return None if nearest is None else nearest[2]


@functools.cache
def default_city_index() -> CityIndex:
    # Built on first use and kept for the life of the process. Alternate names are
    # left out: they are four fifths of the dataset's memory, and a caller that
    # wants them has the city's id for the `cities` table.
    return CityIndex(msgspec.structs.replace(city, alternate_names=()) for city in iter_cities())


def reverse_geocode(point: Point, max_km: float = MAX_DISTANCE_KM) -> City | None:
    return default_city_index().locate(point, max_km)
