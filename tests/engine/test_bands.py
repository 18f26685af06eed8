"""Ranking band by band rests on one number: a band step above any score text relevance
and popularity can reach together."""

from __future__ import annotations

import pytest

from lumen.geo.privacy import BUCKET_BOUNDS_KM, DISTANCE_BUCKETS
from lumen.queries import bands, relevance


@pytest.mark.parametrize("fields", [relevance.PROFILE_FIELDS, relevance.PHOTO_FIELDS])
def test_a_band_step_outweighs_the_best_text_match_and_popularity(
    fields: dict[str, float],
) -> None:
    assert relevance.max_text_score(fields) + relevance.MAX_POPULARITY + 1 < bands.STEP


def test_the_highest_score_is_still_resolved_in_32_bits() -> None:
    top = bands.STEP * (len(BUCKET_BOUNDS_KM) + 1) + bands.STEP
    # Spacing of 32-bit floats just below `top`: what relevance keeps inside a band.
    assert top / 2**23 < 1e-3


def test_a_hit_is_in_the_band_of_the_nearest_bound_it_is_within() -> None:
    names = [f"within_{b:g}km" for b in BUCKET_BOUNDS_KM]
    assert bands.band_of({"matched_queries": [bands.LOCATED, *names]}) == "lt_1km"
    assert bands.band_of({"matched_queries": [bands.LOCATED, *names[2:]]}) == "5_10km"
    assert bands.band_of({"matched_queries": [bands.LOCATED]}) == DISTANCE_BUCKETS[-1].label
    assert bands.band_of({"matched_queries": []}) is None
    assert bands.band_of({}) is None
