"""Logs as an operator reads them from a real server and worker: one JSON access line per
request with its route (never the path or query), status, duration, request id and caller
kind; and the request id carried through the outbox to the projector's line for the batch
that indexed the write, so one grep follows it. With tracing on, both processes export
their spans over OTLP and those lines name their span."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

from lumen.resources import Resources
from lumen.settings import Settings
from tests.live import serving, working
from tests.members import Register
from tests.otlp import Received, Receiver


def _lines(log: Path) -> list[dict[str, Any]]:
    found = []
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            found.append(json.loads(line))
    return found


async def _until_logged(log: Path, wanted: Any, timeout_s: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for line in _lines(log):
            if wanted(line):
                return line
        await asyncio.sleep(0.2)
    raise AssertionError(f"no such line in {log}")


async def _until_exported(collector: Receiver, wanted: Any, timeout_s: float = 60) -> Received:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for span in list(collector.spans):
            if wanted(span):
                return span
        await asyncio.sleep(0.2)
    raise AssertionError(f"no such span among the {len(collector.spans)} received")


async def test_a_write_is_followed_by_its_request_id_from_access_line_to_index(
    settings: Settings, db: Resources, register: Register, tmp_path: Path
) -> None:
    server_log, worker_log = tmp_path / "server.log", tmp_path / "worker.log"
    async with (
        serving(settings, server_log, LUMEN_LOG_LEVEL="INFO", LUMEN_LOG_FORMAT="json") as server,
        working(settings, db, worker_log, LUMEN_LOG_LEVEL="INFO", LUMEN_LOG_FORMAT="json"),
        server.client() as http,
    ):
        _, headers = await register()
        created = await http.post(
            "/v1/profiles",
            json={"display_name": "Followed"},
            headers={**headers, "x-request-id": "trace-me-123"},
        )
        assert created.status_code == 201, created.text
        await http.get("/v1/search/profiles?q=secret+words")
        await http.get("/v1/nearby?near=48.85,2.35")
        await http.get("/v1/no/such/thing")

        write = await _until_logged(
            server_log, lambda line: line.get("request_id") == "trace-me-123"
        )
        projected = await _until_logged(
            worker_log, lambda line: "trace-me-123" in line.get("request_ids", [])
        )
        search = await _until_logged(
            server_log, lambda line: line.get("route") == "/v1/search/profiles"
        )
        unmatched = await _until_logged(server_log, lambda line: line.get("route") == "unmatched")

    assert write["event"] == "request"
    assert write["logger"] == "lumen.access"
    assert (write["method"], write["route"], write["status"]) == ("POST", "/v1/profiles", 201)
    assert write["caller"] == "member"
    assert write["duration_ms"] >= 0
    assert write["level"] == "info"
    assert write["timestamp"].endswith("Z")
    assert projected["event"] == "projected"
    assert projected["events"] >= 1
    # The query's words and coordinates never reach the log.
    assert search["caller"] == "anonymous"
    served = server_log.read_text()
    assert "secret" not in served
    assert "48.85" not in served
    assert any(line.get("route") == "/v1/nearby" for line in _lines(server_log))
    assert unmatched["status"] == 404
    # Every line is JSON: the libraries' own (arq's job lines, Granian's) too.
    for log in (server_log, worker_log):
        text_lines = [
            line for line in log.read_text().splitlines() if line and not line.startswith("{")
        ]
        assert text_lines == [], text_lines[:5]
    # The engine client's one line per call is gone.
    assert not any(line.get("logger", "").startswith("elastic") for line in _lines(worker_log))


async def test_with_tracing_on_each_process_exports_its_spans_and_its_lines_name_them(
    settings: Settings, db: Resources, register: Register, tmp_path: Path
) -> None:
    server_log, worker_log = tmp_path / "server.log", tmp_path / "worker.log"
    with Receiver() as collector:
        traced = {
            "OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint,
            # The SDK's wait before sending what has ended, 5 s unless told.
            "OTEL_BSP_SCHEDULE_DELAY": "100",
            "LUMEN_LOG_LEVEL": "INFO",
            "LUMEN_LOG_FORMAT": "json",
        }
        async with (
            serving(settings, server_log, 1, **traced) as server,
            working(settings, db, worker_log, **traced),
            server.client() as http,
        ):
            _, headers = await register()
            created = await http.post(
                "/v1/profiles",
                json={"display_name": "Traced"},
                headers={**headers, "x-request-id": "traced-456"},
            )
            assert created.status_code == 201, created.text
            access = await _until_logged(
                server_log,
                lambda line: line.get("request_id") == "traced-456" and line["event"] == "request",
            )
            projected = await _until_logged(
                worker_log, lambda line: "traced-456" in line.get("request_ids", [])
            )
            request = await _until_exported(
                collector, lambda span: span.name == "POST /v1/profiles"
            )
            batch = await _until_exported(
                collector, lambda span: (request.trace_id, request.span_id) in span.links
            )

    assert request.service == "lumen-api"
    assert (access["trace_id"], access["span_id"]) == (request.trace_id, request.span_id)
    assert (batch.service, batch.name) == ("lumen-worker", "projector batch")
    assert (projected["trace_id"], projected["span_id"]) == (batch.trace_id, batch.span_id)
    inside = [span.name for span in collector.spans if span.parent_span_id == request.span_id]
    assert "INSERT" in inside
