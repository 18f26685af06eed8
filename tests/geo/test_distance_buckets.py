from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lumen.geo.distance import haversine_km
from lumen.geo.privacy import BUCKET_BOUNDS_KM, BUCKET_RANK, DISTANCE_BUCKETS, distance_bucket


@pytest.mark.parametrize(
    ("km", "label"),
    [
        (0.0, "lt_1km"),
        (0.999, "lt_1km"),
        (1.0, "1_5km"),
        (4.999, "1_5km"),
        (5.0, "5_10km"),
        (10.0, "10_25km"),
        (24.99, "10_25km"),
        (25.0, "25_50km"),
        (49.999, "25_50km"),
        (50.0, "gt_50km"),
        (20_000.0, "gt_50km"),
        (float("inf"), "gt_50km"),
    ],
)
def test_a_distance_on_a_bound_belongs_to_the_bucket_that_starts_there(
    km: float, label: str
) -> None:
    assert distance_bucket(km) == label


@pytest.mark.parametrize("km", [-0.001, float("nan")])
def test_refuses_a_distance_that_is_not_a_distance(km: float) -> None:
    with pytest.raises(ValueError, match="distance"):
        distance_bucket(km)


def test_buckets_cover_every_distance_once_in_ascending_order() -> None:
    assert DISTANCE_BUCKETS[0].from_km == 0
    assert DISTANCE_BUCKETS[-1].to_km is None
    for before, after in itertools.pairwise(DISTANCE_BUCKETS):
        assert before.to_km == after.from_km
    assert BUCKET_BOUNDS_KM == (1.0, 5.0, 10.0, 25.0, 50.0)
    assert [BUCKET_RANK[bucket.label] for bucket in DISTANCE_BUCKETS] == list(range(6))


@given(st.floats(min_value=0, max_value=1e5), st.floats(min_value=0, max_value=1e5))
def test_a_greater_distance_never_falls_in_a_nearer_bucket(a: float, b: float) -> None:
    near, far = sorted((a, b))
    assert BUCKET_RANK[distance_bucket(near)] <= BUCKET_RANK[distance_bucket(far)]


def test_haversine_measures_known_distances() -> None:
    assert haversine_km(48.85341, 2.3488, 45.74846, 4.84671) == pytest.approx(392, abs=2)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015, abs=1)
    assert haversine_km(10, 20, 10, 20) == 0
