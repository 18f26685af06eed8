"""Nearby and distance sorting over the fixed corpus: bands first, then relevance."""

from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from tests.queries.corpus import ORIGIN, Corpus, build

Client = AsyncTestClient[Litestar]
NEAR = f"{ORIGIN[0]},{ORIGIN[1]}"


@pytest.fixture(scope="module")
async def corpus(resources: Resources) -> Corpus:
    return await build(resources)


async def test_nearby_is_ordered_by_distance_band_then_relevance(
    client: Client, corpus: Corpus
) -> None:
    response = await client.get(
        "/v1/nearby", params={"near": NEAR, "radius_km": 25, "q": "portrait photographer"}
    )
    assert response.status_code == 200, response.text
    found = [(i["display_name"], i["distance"]) for i in response.json()["items"]]
    assert found == [
        ("Ines Moreau", "lt_1km"),  # nearest band, though only "photographer" matches
        ("Paul Girard", "1_5km"),  # same band as Marc, more relevant
        ("Marc Fontaine", "1_5km"),
        ("Julie Caron", "10_25km"),
    ]


async def test_nearby_lists_only_people_who_opted_in(client: Client, corpus: Corpus) -> None:
    response = await client.get("/v1/nearby", params={"near": NEAR, "radius_km": 200})
    listed = {i["display_name"] for i in response.json()["items"]}
    assert listed == {"Ines Moreau", "Paul Girard", "Marc Fontaine", "Julie Caron"}


async def test_the_radius_is_rounded_up_to_a_band(client: Client, corpus: Corpus) -> None:
    # 11 km is asked, 25 km is searched: a radius cannot be tuned to fence someone in.
    response = await client.get("/v1/nearby", params={"near": NEAR, "radius_km": 11})
    assert "Julie Caron" in {i["display_name"] for i in response.json()["items"]}


async def test_search_sorted_by_distance_goes_band_by_band(client: Client, corpus: Corpus) -> None:
    response = await client.get(
        "/v1/search/profiles", params={"near": NEAR, "sort": "distance", "page_size": 50}
    )
    bands = [i["distance"] for i in response.json()["items"]]
    order = ["lt_1km", "1_5km", "5_10km", "10_25km", "25_50km", "gt_50km", None]
    assert bands == sorted(bands, key=order.index)
    assert {"lt_1km", "1_5km", "10_25km", "gt_50km"} <= set(bands)


async def test_anonymous_nearby_needs_a_point(client: Client, corpus: Corpus) -> None:
    response = await client.get("/v1/nearby")
    assert response.status_code == 422
    assert response.json()["type"] == "/problems/area-unknown"


async def test_discover_ranks_listed_profiles_with_distance_bands(
    client: Client, corpus: Corpus
) -> None:
    response = await client.get("/v1/discover", params={"near": NEAR, "page_size": 50})
    items = response.json()["items"]
    names = {i["display_name"] for i in items}
    assert "Hidden Portraitist" not in names
    assert "Closed Portraitist" not in names
    assert {"Camille Durand", "Ines Moreau", "Zoe Lambert"} <= names
    assert items[0]["distance"] in {"lt_1km", "1_5km"}
