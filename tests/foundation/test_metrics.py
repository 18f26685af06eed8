"""The API's /metrics: requests by method, route template and status, the outbox and the
dependencies as measured at the scrape, the database pool."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.metrics.processes import MULTIPROCESS_DIR
from lumen.resources import Resources
from lumen.settings import Settings
from tests.live import serving
from tests.scraped import scrape

REQUESTS = "lumen_http_requests_total"
PROFILE = "/v1/profiles/{profile_id}"


async def test_requests_are_counted_by_route_template_method_and_status(
    client: AsyncTestClient[Litestar], db: Resources, operator: dict[str, str]
) -> None:
    before = await scrape(client, headers=operator)
    missing = uuid.uuid4()
    assert (await client.get(f"/v1/profiles/{missing}")).status_code == 404
    assert (await client.get("/health/live")).status_code == 200
    after = await scrape(client, headers=operator)

    def grew(path: str, status: str) -> float:
        labels = {"method": "GET", "path": path, "status_code": status}
        return after.value(REQUESTS, **labels) - before.value(REQUESTS, **labels)

    assert grew(PROFILE, "404") == 1
    assert grew("/health/live", "200") == 1
    assert grew(PROFILE, "200") == 0
    histogram = "lumen_http_request_duration_seconds_count"
    assert after.value(histogram, path=PROFILE, status_code="404") >= 1
    # The template, never the raw path: no id becomes a label value.
    assert str(missing) not in after.text


async def test_a_path_no_route_matches_adds_no_series(
    client: AsyncTestClient[Litestar], db: Resources, operator: dict[str, str]
) -> None:
    assert (await client.get("/v1/profiles/not-a-uuid/at-all")).status_code == 404
    after = await scrape(client, headers=operator)
    assert "not-a-uuid" not in after.text


async def test_the_scrape_measures_the_dependencies_and_the_outbox(
    client: AsyncTestClient[Litestar], db: Resources, operator: dict[str, str]
) -> None:
    found = await scrape(client, headers=operator)
    dependencies = found.labels("lumen_dependency_up", "dependency")
    assert {"postgres", "redis", "search"} <= dependencies
    assert all(found.value("lumen_dependency_up", dependency=d) == 1 for d in dependencies)
    assert found.value("lumen_outbox_pending_events") == 0
    assert found.value("lumen_outbox_dead_events") == 0
    assert found.value("lumen_db_pool_size") == 20


async def test_the_metrics_endpoint_is_not_in_the_api_document(
    client: AsyncTestClient[Litestar],
) -> None:
    document = (await client.get("/schema/openapi.json")).json()
    assert "/metrics" not in document["paths"]


async def test_with_several_server_processes_each_scrape_adds_all_of_them_up(
    settings: Settings, db: Resources, tmp_path: Path
) -> None:
    shared = tmp_path / "multiprocess"
    shared.mkdir()
    env = {MULTIPROCESS_DIR: str(shared)}
    async with serving(settings, tmp_path / "server.log", workers=2, **env) as server:
        for _ in range(20):
            # A connection each, so the requests spread over both processes.
            async with httpx.AsyncClient(base_url=server.url) as http:
                assert (await http.get("/health/live")).status_code == 200
        scrapes = []
        for _ in range(4):
            async with httpx.AsyncClient(base_url=server.url) as http:
                scrapes.append(await scrape(http))
    live = {"method": "GET", "path": "/health/live", "status_code": "200"}
    assert [found.value(REQUESTS, **live) for found in scrapes] == [20] * 4
    assert len(list(shared.glob("*.db"))) >= 2
