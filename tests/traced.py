"""Tracing on, in process: every span handed to the OpenTelemetry SDK's in-memory exporter
as it ends, the API built with the tracing, and connections opened under it. A pytest
plugin, registered by the root conftest.

    async def test_x(traced_client: AsyncTestClient[Litestar], exported: Exported) -> None:
        await traced_client.get("/v1/...")
        [server] = exported.named("GET /v1/...")"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from lumen.app import create_app
from lumen.resources import Resources
from lumen.settings import Settings
from lumen.tracing.process import API_SERVICE, Tracing, start_tracing


class Exported(InMemorySpanExporter):
    """The spans exported so far, with the look-ups the tests make."""

    def spans(self) -> list[ReadableSpan]:
        return list(self.get_finished_spans())

    def named(self, name: str) -> list[ReadableSpan]:
        return [span for span in self.spans() if span.name == name]

    def servers(self) -> list[ReadableSpan]:
        return [span for span in self.spans() if span.kind is SpanKind.SERVER]

    def children(self, parent: ReadableSpan) -> list[ReadableSpan]:
        assert parent.context is not None
        return [
            span
            for span in self.spans()
            if span.parent is not None and span.parent.span_id == parent.context.span_id
        ]


def traceparent(span: ReadableSpan) -> str:
    """The W3C traceparent of a recorded span, as the outbox and the jobs store it."""
    context = span.context
    assert context is not None
    return f"00-{context.trace_id:032x}-{context.span_id:016x}-{context.trace_flags:02x}"


@pytest.fixture
def exported() -> Exported:
    return Exported()


@pytest.fixture
def tracing(settings: Settings, exported: Exported) -> Iterator[Tracing]:
    """The API process's tracing, exporting to `exported`; taken out again afterwards."""
    started = start_tracing(settings, API_SERVICE, exporter=exported)
    assert started is not None
    yield started
    started.stop()


@pytest.fixture
async def traced(db: Resources, tracing: Tracing) -> AsyncIterator[Resources]:
    """Connections opened with tracing on, as a worker's are: their statements, Redis
    commands and engine calls are spans."""
    opened = Resources.open(db.settings, tracing.tracer)
    yield opened
    await opened.close()


@pytest.fixture
async def traced_client(
    db: Resources, tracing: Tracing
) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=create_app(db.settings, tracing)) as client:
        yield client
