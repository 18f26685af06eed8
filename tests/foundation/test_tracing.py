"""Tracing as a process starts it: off, with nothing of it installed, unless an OTLP
endpoint is configured; which traces are kept; log lines carrying their span's ids."""

from __future__ import annotations

import time

import pytest
from litestar import Litestar
from litestar.plugins.opentelemetry import OpenTelemetryPlugin
from litestar.testing import AsyncTestClient
from opentelemetry.instrumentation.redis import RedisInstrumentor
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from opentelemetry.trace import format_span_id, format_trace_id
from sqlalchemy import select

from lumen.db.outbox import OutboxEvent
from lumen.logging import add_trace_ids
from lumen.resources import Resources
from lumen.settings import ConfigError, Settings, load_settings
from lumen.tracing import spans
from lumen.tracing.process import API_SERVICE, WORKER_SERVICE, Tracing, start_tracing, traces_url
from tests.conftest import make_settings
from tests.members import Register
from tests.traced import Exported

# A span some other process recorded, as an outbox row stores it.
RECORDED_ELSEWHERE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def test_tracing_is_off_unless_an_otlp_endpoint_is_configured() -> None:
    assert start_tracing(load_settings({}), API_SERVICE) is None
    on = load_settings({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318/"})
    assert on.tracing
    assert traces_url(on.otlp_endpoint) == "http://collector:4318/v1/traces"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318"),
        ("LUMEN_TRACE_SAMPLE_RATIO", "1.5"),
        ("LUMEN_TRACE_SAMPLE_RATIO", "-0.1"),
    ],
)
def test_an_endpoint_that_is_no_url_or_a_ratio_outside_0_to_1_is_refused(
    variable: str, value: str
) -> None:
    with pytest.raises(ConfigError, match=variable):
        load_settings({variable: value})


async def test_with_tracing_off_nothing_is_installed_and_no_event_carries_a_trace_context(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    # The session's app and connections, made as `lumen serve` makes them with no endpoint.
    _, headers = await register()
    created = await client.post("/v1/profiles", json={"display_name": "Untraced"}, headers=headers)
    assert created.status_code == 201, created.text

    async with db.sessions() as session:
        stored = (
            await session.execute(select(OutboxEvent.request_id, OutboxEvent.trace_context))
        ).all()
    assert stored
    assert all(request_id and trace_context is None for request_id, trace_context in stored)
    assert not any(isinstance(plugin, OpenTelemetryPlugin) for plugin in client.app.plugins)
    assert not SQLAlchemyInstrumentor().is_instrumented_by_opentelemetry
    assert not RedisInstrumentor().is_instrumented_by_opentelemetry
    assert db.tracer is None
    assert db.search.tracer is None


async def test_a_call_outside_any_request_or_job_starts_no_trace(
    tracing: Tracing, exported: Exported, db: Resources
) -> None:
    # Redis is instrumented as a class: the session's client too, and arq's polling.
    await db.redis.ping()
    with tracing.tracer.start_as_current_span("job"):
        await db.redis.ping()

    assert [span.name for span in exported.spans()] == ["PING", "job"]
    ping, job = exported.spans()
    assert exported.children(job) == [ping]


def test_a_batch_is_recorded_whenever_a_request_it_carries_was(settings: Settings) -> None:
    exported = Exported()
    tracing = start_tracing(
        make_settings(LUMEN_TRACE_SAMPLE_RATIO="0"), WORKER_SERVICE, exporter=exported
    )
    assert tracing is not None
    try:
        with tracing.tracer.start_as_current_span("a request, not sampled"):
            pass
        with spans.projector_batch(tracing.tracer, [None, "not a traceparent"], time.time_ns()):
            pass
        with spans.projector_batch(tracing.tracer, [RECORDED_ELSEWHERE] * 2, time.time_ns()):
            pass
    finally:
        tracing.stop()

    [batch] = exported.spans()
    assert batch.name == "projector batch"
    assert [format_span_id(link.context.span_id) for link in batch.links] == ["b7ad6b7169203331"]
    assert batch.attributes == {"messaging.batch.message_count": 2}
    assert batch.resource.attributes["service.name"] == WORKER_SERVICE


def test_a_line_written_in_a_recorded_span_carries_its_ids(tracing: Tracing) -> None:
    with tracing.tracer.start_as_current_span("job") as span:
        line = add_trace_ids(None, "info", {"event": "photo processed"})
    context = span.get_span_context()
    assert line == {
        "event": "photo processed",
        "trace_id": format_trace_id(context.trace_id),
        "span_id": format_span_id(context.span_id),
    }
    assert add_trace_ids(None, "info", {"event": "outside"}) == {"event": "outside"}
