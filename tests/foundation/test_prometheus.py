"""A real Prometheus scraping a real `lumen serve`: the series an operator graphs arrive
and move with traffic, and the stack's alerting rules load."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import httpx
import pytest

from lumen.cli import ROOT
from tests.live import LiveServer, free_port

RULES = ROOT / "infra/monitoring/alerts.yml"
WAIT_S = 60.0
LIVE = 'sum(lumen_http_requests_total{method="GET",path="/health/live",status_code="200"})'


def _config(target: str) -> str:
    return f"""
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: ["{RULES}"]
scrape_configs:
  - job_name: lumen-api
    static_configs: [{{targets: ["{target}"]}}]
"""


def _start(config: Path, data: Path, port: int) -> subprocess.Popen[bytes]:
    binary = shutil.which("prometheus")
    assert binary, "Prometheus is part of the local stack: infra/prometheus install"
    with (data.parent / "prometheus.log").open("wb") as log:
        return subprocess.Popen(  # noqa: S603 - the packaged binary, our own arguments
            [
                binary,
                f"--config.file={config}",
                f"--storage.tsdb.path={data}",
                f"--web.listen-address=127.0.0.1:{port}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )


@pytest.fixture
async def prometheus(live_server: LiveServer, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """A private Prometheus on a free port, scraping the live server every second."""
    config = tmp_path / "prometheus.yml"
    config.write_text(_config(live_server.url.removeprefix("http://")))
    port = free_port()
    process = _start(config, tmp_path / "data", port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            await _until(lambda: _ready(http), "Prometheus ready")
            yield http
    finally:
        process.terminate()
        await asyncio.to_thread(process.wait, 15)


async def _ready(http: httpx.AsyncClient) -> bool:
    try:
        return (await http.get("/-/ready")).status_code == 200
    except httpx.TransportError:
        return False


async def _until(check: Callable[[], Awaitable[bool]], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if await check():
            return
        await asyncio.sleep(0.25)
    raise TimeoutError(f"{what}: not within {WAIT_S:.0f} s")


async def _value(http: httpx.AsyncClient, query: str) -> float | None:
    answer = (await http.get("/api/v1/query", params={"query": query})).json()
    assert answer["status"] == "success", answer
    result = answer["data"]["result"]
    return float(result[0]["value"][1]) if result else None


async def test_prometheus_sees_a_lumen_series_move_after_real_traffic(
    prometheus: httpx.AsyncClient, live_server: LiveServer
) -> None:
    async with live_server.client() as api:
        assert (await api.get("/health/live")).status_code == 200

        async def counted() -> bool:
            return (await _value(prometheus, LIVE) or 0) >= 1

        await _until(counted, "the first request scraped")
        first = await _value(prometheus, LIVE)
        assert first is not None
        for _ in range(5):
            assert (await api.get("/health/live")).status_code == 200

        async def moved() -> bool:
            return (await _value(prometheus, LIVE) or 0) >= first + 5

        await _until(moved, "five more requests scraped")

    assert await _value(prometheus, 'up{job="lumen-api"}') == 1
    assert await _value(prometheus, 'lumen_dependency_up{dependency="postgres"}') == 1
    rules = (await prometheus.get("/api/v1/rules")).json()["data"]["groups"]
    alerts = {rule["name"] for group in rules for rule in group["rules"]}
    assert {"LumenServerErrors", "LumenProjectionBacklogOld", "LumenDeadEvents"} <= alerts
