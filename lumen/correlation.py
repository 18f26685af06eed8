"""What follows a write from the API to the index. The request id: bound to the log context
of a request (or of a job), stored with each outbox event the request causes, and bound
again to the projector's lines for the batch that carries the event. The trace context
(with tracing on, `lumen.tracing`): the W3C traceparent of the span that caused an event
or a job, stored beside the request id, so the batch's span can link to it and the job's
span continue its trace."""

from __future__ import annotations

import structlog
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

TRACEPARENT = "traceparent"
_W3C = TraceContextTextMapPropagator()


def current_request_id() -> str | None:
    """The request id bound to this context (a request, a job), if any."""
    value = structlog.contextvars.get_contextvars().get("request_id")
    return value if isinstance(value, str) else None


def current_trace_context() -> str | None:
    """The traceparent of the span this context is in, if it is being recorded: a link to a
    span that was not sampled would lead nowhere. None whenever tracing is off."""
    if not trace.get_current_span().get_span_context().trace_flags.sampled:
        return None
    carrier: dict[str, str] = {}
    _W3C.inject(carrier)
    return carrier.get(TRACEPARENT)


def remote_context(trace_context: str | None) -> Context | None:
    """The context a stored traceparent names, to continue its trace; None for none."""
    return _W3C.extract({TRACEPARENT: trace_context}) if trace_context else None


def remote_span(trace_context: str | None) -> trace.SpanContext | None:
    """The span a stored traceparent names, to link to; None for none or a malformed one."""
    context = remote_context(trace_context)
    if context is None:
        return None
    span = trace.get_current_span(context).get_span_context()
    return span if span.is_valid else None
