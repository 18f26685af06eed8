"""Traces of a write and of a search, in process with the SDK's in-memory exporter: the
request's server span with its statements, Redis commands and engine calls inside, the
trace context stored with each event it causes, and the projector's span for the batch
that indexes the change linked to that request's span."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import AsyncTestClient
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import SpanKind
from sqlalchemy import select

from lumen.db.outbox import OutboxEvent
from lumen.resources import Resources
from lumen.tracing.http import REDACTED
from tests.members import Register
from tests.projections.conftest import project_all
from tests.traced import Exported, traceparent


def _statements(spans: list[ReadableSpan]) -> list[str]:
    return [str(span.attributes.get("db.statement")) for span in spans if span.attributes]


async def test_a_write_is_traced_from_its_request_to_the_batch_that_indexes_it(
    search: Resources,
    traced: Resources,
    traced_client: AsyncTestClient[Litestar],
    exported: Exported,
    register: Register,
) -> None:
    _, headers = await register()
    created = await traced_client.post(
        "/v1/profiles", json={"display_name": "Traced"}, headers=headers
    )
    assert created.status_code == 201, created.text

    [server] = exported.servers()
    assert server.name == "POST /v1/profiles"
    assert server.attributes is not None
    assert (server.attributes["http.route"], server.attributes["http.status_code"]) == (
        "/v1/profiles",
        201,
    )
    written = _statements(exported.children(server))
    assert any(statement.startswith("INSERT INTO profiles") for statement in written)
    assert any(statement.startswith("INSERT INTO outbox") for statement in written)
    async with search.sessions() as session:
        stored = await session.scalars(
            select(OutboxEvent.trace_context).where(
                OutboxEvent.aggregate_id == created.json()["id"]
            )
        )
    assert stored.all() == [traceparent(server)]

    exported.clear()
    assert await project_all(traced) == 1

    [batch] = exported.named("projector batch")
    assert batch.kind is SpanKind.CONSUMER
    assert batch.parent is None  # a batch carries many requests: it links, it is no child
    assert server.context is not None
    assert [(link.context.trace_id, link.context.span_id) for link in batch.links] == [
        (server.context.trace_id, server.context.span_id)
    ]
    inside = exported.children(batch)
    [bulk] = [span for span in inside if span.name == "bulk"]
    assert bulk.attributes is not None
    assert bulk.attributes["db.system"] == search.settings.search_engine
    assert any(statement.startswith("UPDATE outbox") for statement in _statements(inside))


async def test_a_search_span_holds_its_engine_and_redis_calls_and_nothing_of_its_query(
    search: Resources, traced_client: AsyncTestClient[Litestar], exported: Exported
) -> None:
    found = await traced_client.get("/v1/search/profiles?q=secret+words&near=48.85,2.35")
    assert found.status_code == 200, found.text

    [server] = exported.servers()
    assert server.name == "GET /v1/search/profiles"
    assert server.attributes is not None
    assert server.attributes["http.url"] == REDACTED
    inside = exported.children(server)
    [engine] = [span for span in inside if span.name == "search"]
    assert engine.kind is SpanKind.CLIENT
    assert engine.attributes == {
        "db.system": search.settings.search_engine,
        "db.operation": "search",
        "db.collection.name": f"{search.settings.index_prefix}-profiles",
        "lumen.outcome": "ok",
    }
    # The anonymous answer is looked up in the cache, then stored there.
    redis = [span.name for span in inside if (span.attributes or {}).get("db.system") == "redis"]
    assert redis == ["GET", "SET"]
    recorded = repr([(span.name, dict(span.attributes or {})) for span in exported.spans()])
    for words in ("secret", "48.85", "2.35"):
        assert words not in recorded
