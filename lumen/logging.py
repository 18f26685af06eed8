"""Structured logs (JSON in production) with a request id bound to every line of a request
and, with tracing on, the trace and span ids of the span a line was written in."""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

import structlog
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from opentelemetry import trace
from opentelemetry.trace import SpanContext, format_span_id, format_trace_id
from structlog.typing import EventDict, WrappedLogger

REQUEST_ID_HEADER = "x-request-id"
# Libraries whose INFO lines are one per call: warnings only.
CHATTY = ("httpx", "httpcore")
# The engine clients log every request at INFO and every failed or retried one with its
# stack trace, which an outage turns into a flood: their callers tell what failed, once.
ENGINE_CLIENTS = ("elastic_transport", "opensearch")
# Where the request's server span leaves its context for the access line (lumen.tracing.http).
SPAN_CONTEXT = "span_context"

access = structlog.get_logger("lumen.access")


def trace_ids(context: SpanContext | None) -> dict[str, str]:
    """A recorded span's ids as trace backends show them; none for a span not recorded."""
    if context is None or not context.trace_flags.sampled:
        return {}
    return {
        "trace_id": format_trace_id(context.trace_id),
        "span_id": format_span_id(context.span_id),
    }


def add_trace_ids(logger: WrappedLogger, method: str, event: EventDict) -> EventDict:
    for name, value in trace_ids(trace.get_current_span().get_span_context()).items():
        event.setdefault(name, value)
    return event


def configure_logging(level: str, json: bool, traced: bool = False) -> None:
    """One pipeline for every logger: structlog's own and the standard library's (arq,
    Granian, Alembic, SQLAlchemy, the engine clients) alike get the bound context (the
    request id), a level, a logger name and a UTC timestamp, rendered as JSON in
    production and as readable lines elsewhere. `traced` (tracing is on) adds the ids of
    the span each line is written in, so logs and traces join."""
    numeric = logging.getLevelName(level.upper())
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        *([add_trace_ids] if traced else []),
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: Any = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler()
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[*shared, structlog.stdlib.PositionalArgumentsFormatter()],
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                renderer,
            ],
        )
    )
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(numeric)
    for name in CHATTY:
        logging.getLogger(name).setLevel(max(numeric, logging.WARNING))
    for name in ENGINE_CLIENTS:
        logging.getLogger(name).setLevel(max(numeric, logging.ERROR))


def _request_id(scope: Scope) -> str:
    known = scope.get("state", {}).get("request_id")
    if isinstance(known, str):
        return known
    for name, value in scope.get("headers", []):
        if name == REQUEST_ID_HEADER.encode():
            candidate = value.decode("latin-1")[:64]
            # Only echo ids that cannot smuggle anything into logs or headers.
            if candidate and all(c.isalnum() or c in "-_." for c in candidate):
                return candidate
    return uuid.uuid4().hex


def _bind(scope: Scope) -> str:
    request_id = _request_id(scope)
    scope.setdefault("state", {})["request_id"] = request_id
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(request_id=request_id)
    return request_id


def request_id_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            _bind(scope)
        await app(scope, receive, send)

    return middleware


def _caller(scope: Scope) -> str:
    # Set by the caller dependency once it has looked at the token; a route that never
    # asked (or a request refused before) is told apart by the header alone.
    kind = scope.get("state", {}).get("caller_kind")
    if isinstance(kind, str):
        return kind
    has_token = any(name == b"authorization" for name, _ in scope.get("headers", []))
    return "unverified" if has_token else "anonymous"


def access_log(app: Any) -> Any:
    """One line per request, after its response: method, route template, status, duration,
    request id and caller kind. The route, never the path or query: a query can carry a
    member's coordinates or search text, a path ids."""

    async def logged(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        _bind(scope)
        started, status = time.perf_counter(), 0

        async def watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await app(scope, receive, watched)
        finally:
            state = scope.get("state", {})
            access.info(
                "request",
                method=scope.get("method"),
                route=scope.get("path_template") or "unmatched",
                status=status or 500,
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
                caller=_caller(scope),
                **trace_ids(state.get(SPAN_CONTEXT)),
            )

    return logged


async def add_request_id_header(message: Message, scope: Scope) -> None:
    # A before_send hook, so that responses the router answers itself (404, 405) carry it too.
    if message["type"] != "http.response.start":
        return
    state: dict[str, Any] = scope.get("state", {})
    request_id = state.get("request_id") or _request_id(scope)
    headers = list(message.get("headers", []))
    headers.append((REQUEST_ID_HEADER.encode(), str(request_id).encode()))
    message["headers"] = headers
