"""The engine port behaves alike on every engine: plain dicts back, and SearchErrors that
say whether an index or document was missing, a version was stale, or nothing answered."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from lumen.engine import (
    SearchClient,
    SearchConflict,
    SearchError,
    SearchNotFound,
    bulk_refusals,
    connect,
)
from lumen.settings import Settings
from tests.conftest import make_settings


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[SearchClient]:
    opened = connect(settings)
    yield opened
    await opened.close()


@pytest.fixture
async def index(client: SearchClient, settings: Settings) -> AsyncIterator[str]:
    name = f"{settings.index_prefix}-port-{uuid.uuid4().hex[:8]}"
    await client.create_index(name, {"mappings": {"properties": {"n": {"type": "integer"}}}})
    yield name
    await client.delete_index(name)


async def test_a_missing_index_is_not_found_with_the_engines_error_type(
    client: SearchClient, settings: Settings
) -> None:
    with pytest.raises(SearchNotFound) as raised:
        await client.search(f"{settings.index_prefix}-no-such-index", {})
    assert (raised.value.status, raised.value.error) == (404, "index_not_found_exception")


async def test_an_index_created_twice_says_it_exists(client: SearchClient, index: str) -> None:
    with pytest.raises(SearchError) as raised:
        await client.create_index(index, {})
    assert raised.value.error == "resource_already_exists_exception"


async def test_a_stale_external_version_is_a_conflict(client: SearchClient, index: str) -> None:
    def versioned(version: int) -> dict[str, object]:
        return {"_index": index, "_id": "a", "version": version, "version_type": "external"}

    assert await bulk_refusals(client, [{**versioned(2), "_source": {"n": 2}}]) == []
    refused = await bulk_refusals(client, [{**versioned(1), "_source": {"n": 1}}])
    assert [item["status"] for item in refused] == [409]
    with pytest.raises(SearchConflict) as raised:
        await client.put(index, "a", {"n": 0}, version=2)
    assert raised.value.error == "version_conflict_engine_exception"


async def test_answers_are_plain_dicts_and_missing_documents_none(
    client: SearchClient, index: str
) -> None:
    await client.put(index, "a", {"n": 1}, refresh=True)
    found = await client.search(index, {"query": {"match_all": {}}})
    assert type(found) is dict
    assert [hit["_id"] for hit in found["hits"]["hits"]] == ["a"]
    assert type(await client.health()) is dict
    assert (await client.get(index, "a") or {})["_source"] == {"n": 1}
    assert await client.get(index, "b") is None
    answers = await client.msearch([{"index": index}, {"query": {"match_all": {}}}])
    assert [type(answer) for answer in answers] == [dict]


async def test_scan_and_the_bulk_helper_cover_every_document(
    client: SearchClient, index: str
) -> None:
    actions = [{"_index": index, "_id": str(n), "_source": {"n": n}} for n in range(25)]
    assert await client.load(actions, chunk=10) == 25
    await client.refresh(index)
    seen = [hit["_id"] async for hit in client.scan(index, {"query": {"match_all": {}}}, size=7)]
    assert sorted(seen, key=int) == [str(n) for n in range(25)]
    assert await client.count(index, {"range": {"n": {"gte": 20}}}) == 5


async def test_an_engine_that_does_not_answer_is_a_search_error_without_status() -> None:
    client = connect(make_settings(LUMEN_SEARCH_URL="http://127.0.0.1:1"), timeout=2)
    try:
        with pytest.raises(SearchError) as raised:
            await client.health()
        assert raised.value.status is None
    finally:
        await client.close()
