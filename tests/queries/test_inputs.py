"""Every bad parameter is a 422 problem naming it, never a 500 or an engine error."""

from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from tests.queries.world import fresh_indices

Client = AsyncTestClient[Litestar]

BAD = [
    ("/v1/search/profiles", {"page_size": "0"}, "page_size"),
    ("/v1/search/profiles", {"page_size": "51"}, "page_size"),
    ("/v1/search/profiles", {"page_size": "many"}, "page_size"),
    ("/v1/search/profiles", {"q": "x" * 201}, "q"),
    ("/v1/search/profiles", {"near": "91,0"}, "near"),
    ("/v1/search/profiles", {"near": "48.8,nan"}, "near"),
    ("/v1/search/profiles", {"near": "48.8"}, "near"),
    ("/v1/search/profiles", {"near": "48.8,2.3", "radius_km": "0"}, "radius_km"),
    ("/v1/search/profiles", {"near": "48.8,2.3", "radius_km": "201"}, "radius_km"),
    ("/v1/search/profiles", {"near": "48.8,2.3", "radius_km": "-1"}, "radius_km"),
    ("/v1/search/profiles", {"radius_km": "5"}, "radius_km"),
    ("/v1/search/profiles", {"sort": "distance"}, "sort"),
    ("/v1/search/profiles", {"sort": "random"}, "sort"),
    ("/v1/search/profiles", {"role": "admin"}, "role"),
    ("/v1/search/profiles", {"country": "FRA"}, "country"),
    ("/v1/search/profiles", {"city": "-3"}, "city"),
    ("/v1/search/profiles", {"specialty": "x" * 65}, "specialty"),
    ("/v1/search/profiles", {"cursor": "not-a-cursor"}, "cursor"),
    ("/v1/search/profiles", {"cursor": "AAAA" * 300}, "cursor"),
    ("/v1/search/photos", {"sort": "likes"}, "sort"),
    ("/v1/search/photos", {"owner": "someone"}, "owner"),
    ("/v1/search/photos", {"taken_from": "2024-13-01"}, "taken_from"),
    ("/v1/search/photos", {"taken_from": "2024-05-02", "taken_to": "2024-05-01"}, "taken_from"),
    ("/v1/search/photos", {"orientation": "diagonal"}, "orientation"),
    ("/v1/nearby", {"near": "0,181"}, "near"),
    ("/v1/nearby", {"near": "48.8,2.3", "radius_km": "1e9"}, "radius_km"),
    ("/v1/discover", {"near": "inf,0"}, "near"),
    ("/v1/suggest", {}, "q"),
    ("/v1/suggest", {"q": "   "}, "q"),
    ("/v1/suggest", {"q": "x" * 51}, "q"),
    ("/v1/map/clusters", {"zoom": "5"}, "bbox"),
    ("/v1/map/clusters", {"bbox": "1,2,3", "zoom": "5"}, "bbox"),
    ("/v1/map/clusters", {"bbox": "0,50,10,40", "zoom": "5"}, "bbox"),
    ("/v1/map/clusters", {"bbox": "0,40,10,50", "zoom": "23"}, "zoom"),
    ("/v1/map/clusters", {"bbox": "0,40,10,50"}, "zoom"),
]


@pytest.fixture(scope="module")
async def indices(resources: Resources) -> None:
    await fresh_indices(resources)


@pytest.mark.parametrize(("path", "params", "field"), BAD)
async def test_bad_parameters_are_named_in_a_422(
    client: Client, indices: None, path: str, params: dict[str, str], field: str
) -> None:
    response = await client.get(path, params=params)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in {error["field"] for error in response.json()["errors"]}


@pytest.mark.parametrize(
    "q", ['"unclosed', "a AND (b OR", "name:*", "/regex[/", "~~~", "\\", "*", "<script>"]
)
async def test_query_syntax_in_text_is_just_text(client: Client, indices: None, q: str) -> None:
    for path in ("/v1/search/profiles", "/v1/search/photos", "/v1/suggest"):
        response = await client.get(path, params={"q": q})
        assert response.status_code == 200, response.text
