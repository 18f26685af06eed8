"""Structured logs (JSON in production) with a request id bound to every line of a request."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import structlog
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "x-request-id"
ENGINE_CLIENT_LOGGERS = ("elastic_transport", "opensearch")


def configure_logging(level: str, json: bool) -> None:
    # Libraries (arq, uvicorn, alembic) log through the standard library.
    logging.basicConfig(level=level.upper(), format="%(levelname)s %(name)s: %(message)s")
    # The engine clients log every failed or retried request with its stack trace, which
    # an outage turns into a flood: their callers tell what failed, once.
    for client in ENGINE_CLIENT_LOGGERS:
        logging.getLogger(client).setLevel(logging.ERROR)
    renderer: Any = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        cache_logger_on_first_use=True,
    )


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == REQUEST_ID_HEADER.encode():
            candidate = value.decode("latin-1")[:64]
            # Only echo ids that cannot smuggle anything into logs or headers.
            if candidate and all(c.isalnum() or c in "-_." for c in candidate):
                return candidate
    return uuid.uuid4().hex


def request_id_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            request_id = _request_id(scope)
            scope.setdefault("state", {})["request_id"] = request_id
            structlog.contextvars.clear_contextvars()
            structlog.contextvars.bind_contextvars(request_id=request_id)
        await app(scope, receive, send)

    return middleware


async def add_request_id_header(message: Message, scope: Scope) -> None:
    # A before_send hook, so that responses the router answers itself (404, 405) carry it too.
    if message["type"] != "http.response.start":
        return
    state: dict[str, Any] = scope.get("state", {})
    request_id = state.get("request_id") or _request_id(scope)
    headers = list(message.get("headers", []))
    headers.append((REQUEST_ID_HEADER.encode(), str(request_id).encode()))
    message["headers"] = headers
