"""The API's server spans: Litestar's OpenTelemetry plugin, a span per request named by its
route template (`GET /v1/profiles/{profile_id}`, or the method alone for a path no
route matched). Like the access line, a span never holds the path or the query, which can
carry ids, coordinates and search words, nor the client's address: the instrumentation
records them as the request starts, and they are overwritten there and then."""

from __future__ import annotations

from typing import Any

from litestar.enums import ScopeType
from litestar.plugins.opentelemetry import OpenTelemetryConfig, OpenTelemetryPlugin
from litestar.types import ASGIApp, Receive, Scope, Send
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider

from lumen.logging import SPAN_CONTEXT

REDACTED = "[REDACTED]"
# The path, query and client address, under the old and the stable HTTP conventions.
WITHHELD = frozenset(
    {
        "http.url",
        "http.target",
        "url.full",
        "url.path",
        "url.query",
        "net.peer.ip",
        "net.peer.port",
        "client.address",
        "client.port",
    }
)
# Polled every few seconds by machines, whose own series say enough.
UNTRACED = ["^/metrics", "^/health/"]


def _span_details(scope: Scope) -> tuple[str, dict[str, Any]]:
    # Before routing: the route is not known yet (`named_by_route` renames the span).
    return str(scope.get("method", "HTTP")), {}


def _started(span: trace.Span, scope: dict[str, Any]) -> None:
    if not span.is_recording():
        return
    recorded = span.attributes if isinstance(span, ReadableSpan) else {}
    span.set_attributes(dict.fromkeys(WITHHELD & set(recorded or {}), REDACTED))
    # For the access line, written once the span has ended.
    scope.setdefault("state", {})[SPAN_CONTEXT] = span.get_span_context()


def server_spans(provider: TracerProvider) -> OpenTelemetryPlugin:
    return OpenTelemetryPlugin(
        OpenTelemetryConfig(
            tracer_provider=provider,
            scope_span_details_extractor=_span_details,
            server_request_hook_handler=_started,
            exclude=UNTRACED,
            # A span per message received or sent is noise beside the request's own.
            exclude_spans=["receive", "send"],
            scopes={ScopeType.HTTP},
        )
    )


def named_by_route(app: ASGIApp) -> ASGIApp:
    """Names the request's span by its route template, once routing has found one."""

    async def named(scope: Scope, receive: Receive, send: Send) -> None:
        template = scope.get("path_template")
        span = trace.get_current_span()
        if template and span.is_recording():
            span.update_name(f"{scope.get('method', 'HTTP')} {template}")
            span.set_attribute("http.route", template)
        await app(scope, receive, send)

    return named
