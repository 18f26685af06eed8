from __future__ import annotations

import pytest

from lumen.geo.cities import City, ascii_fold, iter_cities, iter_city_batches
from tests.members import PARIS_ID


@pytest.fixture(scope="module")
def cities() -> list[City]:
    return list(iter_cities())


@pytest.fixture(scope="module")
def paris(cities: list[City]) -> City:
    return next(city for city in cities if city.id == PARIS_ID)


def test_the_dataset_holds_tens_of_thousands_of_distinct_cities(cities: list[City]) -> None:
    assert len(cities) > 50_000
    assert len({city.id for city in cities}) == len(cities)


def test_most_cities_carry_alternate_names(cities: list[City]) -> None:
    with_names = sum(1 for city in cities if city.alternate_names)
    assert with_names > len(cities) * 0.7


def test_a_city_carries_its_country_region_population_and_names(paris: City) -> None:
    assert (paris.name, paris.ascii_name) == ("Paris", "Paris")
    assert (paris.country_code, paris.country_name, paris.region_code) == ("FR", "France", "11")
    assert paris.population > 2_000_000
    assert paris.timezone == "Europe/Paris"
    assert {"Parigi", "Lutèce", "Париж"} <= set(paris.alternate_names)
    assert paris.centre.lat == pytest.approx(48.853, abs=0.01)


def test_alternate_names_are_distinct_non_blank_and_leave_out_the_name(cities: list[City]) -> None:
    for city in cities:
        assert len(set(city.alternate_names)) == len(city.alternate_names)
        assert city.name not in city.alternate_names
        assert all(name.strip() == name and name for name in city.alternate_names)


def test_every_city_has_coordinates_on_the_globe(cities: list[City]) -> None:
    for city in cities:
        assert -90 <= city.centre.lat <= 90
        assert -180 <= city.centre.lon <= 180


def test_ascii_names_are_ascii_for_latin_names(cities: list[City]) -> None:
    latin = [city for city in cities if city.ascii_name != city.name or city.name.isascii()]
    assert all(city.ascii_name.isascii() for city in latin)
    assert len(latin) > len(cities) * 0.99


@pytest.mark.parametrize(
    ("name", "folded"),
    [("Reykjavík", "Reykjavik"), ("Łódź", "Lodz"), ("Zürich", "Zurich"), ("Straße", "Strasse")],
)
def test_folds_accented_and_special_latin_letters(name: str, folded: str) -> None:
    assert ascii_fold(name) == folded


def test_batches_deliver_every_city_once(cities: list[City]) -> None:
    batches = list(iter_city_batches(size=7_000))
    assert all(len(batch) <= 7_000 for batch in batches)
    assert [city.id for batch in batches for city in batch] == [city.id for city in cities]


def test_the_larger_threshold_gives_fewer_cities(cities: list[City]) -> None:
    assert 20_000 < sum(1 for _ in iter_cities(min_population=15000)) < len(cities)


def test_refuses_an_empty_batch_size() -> None:
    with pytest.raises(ValueError, match="batch"):
        next(iter_city_batches(size=0))
