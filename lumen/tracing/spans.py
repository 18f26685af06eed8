"""Lumen's own spans: one per engine call (its operation and index, never a body, which
holds what members typed and where they are), one per projector batch (linked to the span
that caused each of its events) and one per photo job (a child of its upload's)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from opentelemetry.trace import Link, Span, SpanKind, StatusCode, Tracer

from lumen.correlation import remote_context, remote_span


@contextmanager
def engine_call(tracer: Tracer, engine: str, operation: str, index: object) -> Iterator[Span]:
    attributes = {"db.system": engine, "db.operation": operation}
    if isinstance(index, str):
        attributes["db.collection.name"] = index
    with tracer.start_as_current_span(
        operation,
        kind=SpanKind.CLIENT,
        attributes=attributes,
        # An engine's error message can quote the request it refused.
        record_exception=False,
        set_status_on_exception=False,
    ) as span:
        yield span


def engine_outcome(span: Span, outcome: str, error: str | None = None) -> None:
    """The outcome as the engine-call series label it; only `error` is a failure (a missing
    document or a version conflict is an answer)."""
    span.set_attribute("lumen.outcome", outcome)
    if outcome == "error":
        span.set_status(StatusCode.ERROR)
        span.set_attribute("error.type", error or "unanswered")


@contextmanager
def projector_batch(
    tracer: Tracer, trace_contexts: Sequence[str | None], started_ns: int
) -> Iterator[Span]:
    """A batch, one link per span its events came from, timed from `started_ns` (when the
    claim was sent): it opens once the claim has found events, so an idle poll makes none."""
    causes: dict[tuple[int, int], Link] = {}
    for context in trace_contexts:
        if cause := remote_span(context):
            causes.setdefault((cause.trace_id, cause.span_id), Link(cause))
    with tracer.start_as_current_span(
        "projector batch",
        kind=SpanKind.CONSUMER,
        attributes={"messaging.batch.message_count": len(trace_contexts)},
        links=list(causes.values()),
        start_time=started_ns,
    ) as span:
        yield span


@contextmanager
def photo_job(tracer: Tracer, photo_id: str, trace_context: str | None) -> Iterator[Span]:
    with tracer.start_as_current_span(
        "process_photo",
        context=remote_context(trace_context),
        kind=SpanKind.CONSUMER,
        attributes={"lumen.photo_id": photo_id},
    ) as span:
        yield span
