"""Search, suggestions, facets and paging over the fixed corpus."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from tests.queries.corpus import PARIS, Corpus, build

Client = AsyncTestClient[Litestar]
PARIS_PORTRAIT_PHOTOGRAPHERS = {"Camille Durand", "Lucas Bernard", "Paul Girard", "Julie Caron"}


@pytest.fixture(scope="module")
async def corpus(resources: Resources) -> Corpus:
    return await build(resources)


async def names(client: Client, path: str, **params: Any) -> list[str]:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return [item["display_name"] for item in response.json()["items"]]


async def test_misspelled_query_finds_paris_portrait_photographers_first(
    client: Client, corpus: Corpus
) -> None:
    found = await names(client, "/v1/search/profiles", q="portait photographr paris")
    assert set(found[:4]) == PARIS_PORTRAIT_PHOTOGRAPHERS
    assert "Hugo Petit" in found  # a portrait photographer elsewhere still matches, lower


@pytest.mark.parametrize("typed", ["Zoë", "Zoe", "zoe", "ZOË"])
async def test_accents_and_case_do_not_matter(client: Client, corpus: Corpus, typed: str) -> None:
    found = await names(client, "/v1/search/profiles", q=typed)
    assert set(found) == {"Zoë Martin", "Zoe Lambert"}


async def test_search_lists_only_public_discoverable_active_profiles(
    client: Client, corpus: Corpus
) -> None:
    found = await names(client, "/v1/search/profiles", q="portrait photographer", page_size=50)
    for hidden in (
        "Nadia Private",
        "Hidden Portraitist",
        "Suspended Portraitist",
        "Closed Portraitist",
    ):
        assert hidden not in found


async def test_filters_and_facets(client: Client, corpus: Corpus) -> None:
    response = await client.get(
        "/v1/search/profiles",
        params={"role": "photographer", "city": PARIS, "specialty": "portrait"},
    )
    body = response.json()
    assert {i["display_name"] for i in body["items"]} >= {"Camille Durand", "Lucas Bernard"}
    assert all(i["role"] == "photographer" for i in body["items"])
    assert all(i["place"]["city"] == "Paris" for i in body["items"])
    facets = {f: {v["value"]: v["count"] for v in values} for f, values in body["facets"].items()}
    assert facets["role"]["photographer"] == body["total"]
    assert facets["specialty"]["portrait"] == body["total"]
    assert set(facets) == {"role", "specialty", "city", "language"}


async def test_a_facet_counts_the_values_not_yet_picked(client: Client, corpus: Corpus) -> None:
    everyone = (await client.get("/v1/search/profiles")).json()
    models = (await client.get("/v1/search/profiles", params={"role": "model"})).json()
    assert models["items"]
    assert all(item["role"] == "model" for item in models["items"])
    counts = {v["value"]: v["count"] for v in models["facets"]["role"]}
    # The role facet ignores the role pick; the other facets honour it.
    assert counts == {v["value"]: v["count"] for v in everyone["facets"]["role"]}
    assert counts["model"] == models["total"] < everyone["total"]
    assert sum(v["count"] for v in models["facets"]["city"]) <= models["total"]


async def test_highlights_mark_the_matched_words_and_escape_the_rest(
    client: Client, corpus: Corpus
) -> None:
    response = await client.get("/v1/search/profiles", params={"q": "wedding"})
    item = response.json()["items"][0]
    assert item["display_name"] == "Lucas Bernard"
    assert "<em>wedding</em>" in item["highlights"]["headline"][0]


async def test_highlights_mark_words_typed_without_their_accents_in_the_original(
    client: Client, corpus: Corpus
) -> None:
    response = await client.get("/v1/search/profiles", params={"q": "zoe"})
    marked = {i["display_name"]: i["highlights"] for i in response.json()["items"]}
    assert marked["Zoë Martin"]["display_name"] == ["<em>Zoë</em> Martin"]
    assert marked["Zoe Lambert"]["display_name"] == ["<em>Zoe</em> Lambert"]


async def test_cursor_pages_cover_everything_once(client: Client, corpus: Corpus) -> None:
    everything = await names(client, "/v1/search/profiles", page_size=50)
    seen: list[str] = []
    params: dict[str, Any] = {"page_size": 4}
    while True:
        body = (await client.get("/v1/search/profiles", params=params)).json()
        seen += [item["display_name"] for item in body["items"]]
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
    assert sorted(seen) == sorted(everything)
    assert len(seen) == len(set(seen))


async def test_a_cursor_only_works_for_its_own_query(client: Client, corpus: Corpus) -> None:
    first = (await client.get("/v1/search/profiles", params={"page_size": 2})).json()
    cursor = first["next_cursor"]
    other = await client.get(
        "/v1/search/profiles", params={"page_size": 2, "q": "paris", "cursor": cursor}
    )
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "cursor"
    tampered = cursor[:-2] + ("A" if cursor[-2] != "A" else "B") + cursor[-1]
    refused = await client.get("/v1/search/profiles", params={"page_size": 2, "cursor": tampered})
    assert refused.status_code == 422


async def test_photo_search_with_tags_camera_and_facets(client: Client, corpus: Corpus) -> None:
    response = await client.get("/v1/search/photos", params={"q": "portrait"})
    body = response.json()
    titles = [p["title"] for p in body["items"]]
    assert titles == ["Golden hour portrait"]  # followers-only, private and draft stay out
    photo = body["items"][0]
    assert photo["camera_make"] == "Canon"
    assert "gps" not in photo["exif"]
    assert photo["variants"][0]["url"].startswith("/v1/media/")
    cameras = (await client.get("/v1/search/photos", params={"camera_make": "Nikon"})).json()
    assert [p["title"] for p in cameras["items"]] == ["Runway fashion week"]
    assert cameras["items"][0]["orientation"] == "portrait"
    facets = {v["value"] for v in body["facets"]["tag"]}
    assert facets == {"portrait", "golden-hour"}


async def test_suggestions_cover_names_cities_tags_and_specialties(
    client: Client, corpus: Corpus
) -> None:
    def kinds(body: dict[str, Any]) -> set[tuple[str, str]]:
        return {(s["kind"], s["text"]) for s in body["items"]}

    assert ("city", "Paris") in kinds((await client.get("/v1/suggest?q=par")).json())
    zo = kinds((await client.get("/v1/suggest?q=zo")).json())
    assert {("profile", "Zoë Martin"), ("profile", "Zoe Lambert")} <= zo
    port = kinds((await client.get("/v1/suggest?q=port")).json())
    assert {("tag", "portrait"), ("specialty", "Portrait")} <= port
    assert not any("Nadia" in text for _, text in port | zo)


async def test_map_clusters_hide_sparse_cells(client: Client, corpus: Corpus) -> None:
    response = await client.get("/v1/map/clusters", params={"bbox": "-5,42,10,52", "zoom": 6})
    body = response.json()
    assert body["min_count"] == 5
    counts = sorted(cell["count"] for cell in body["items"])
    # Paris has its photographers, models and nearby people; Lyon's two are suppressed.
    assert len(counts) == 1
    assert counts[0] >= 5


async def test_popularity_and_recency_sorts(client: Client, corpus: Corpus) -> None:
    popular = await names(client, "/v1/search/profiles", sort="popularity")
    assert popular[0] == "Camille Durand"  # the only one with followers
    recent = (await client.get("/v1/search/profiles", params={"sort": "recency"})).json()
    created = [item["created_at"] for item in recent["items"]]
    assert created == sorted(created, reverse=True)


async def test_photos_are_as_popular_as_their_owners(client: Client, corpus: Corpus) -> None:
    def titles(sort: str) -> Any:
        return client.get("/v1/search/photos", params={"sort": sort})

    recent = [item["title"] for item in (await titles("recency")).json()["items"]]
    popular = [item["title"] for item in (await titles("popularity")).json()["items"]]
    # The runway photo is the newer one; Camille, who took the other, has the followers.
    assert recent[0] == "Runway fashion week"
    assert popular[0] == "Golden hour portrait"
    assert sorted(popular) == sorted(recent)
