"""The request id that follows a write from the API to the index: bound to the log context
of a request (or of a job), stored with each outbox event the request causes, and bound
again to the projector's lines for the batch that carries the event."""

from __future__ import annotations

import structlog


def current_request_id() -> str | None:
    """The request id bound to this context (a request, a job), if any."""
    value = structlog.contextvars.get_contextvars().get("request_id")
    return value if isinstance(value, str) else None
