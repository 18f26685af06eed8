"""Slow work, named in the log: SQL statements and engine calls that take longer than
their threshold, each with a summary of what was asked and how long it took. Summaries
keep the shape of a request, never its values: parameters and query text can hold what
members typed or where they are."""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from typing import Any

import structlog
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

log = structlog.get_logger("lumen.slow")
STATEMENT_CHARS = 300
_SPACES = re.compile(r"\s+")


def shape(value: Any, depth: int = 4) -> Any:
    """A request body's keys, nested, with every value left out."""
    if isinstance(value, Mapping):
        if depth == 0:
            return "{…}"
        return {str(k): shape(v, depth - 1) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [shape(value[0], depth - 1), f"{len(value)} items"] if value else []
    return "…"


def engine_call(operation: str, arguments: Mapping[str, Any], seconds: float, outcome: str) -> None:
    log.warning(
        "slow engine call",
        operation=operation,
        index=arguments.get("index"),
        body=shape(arguments.get("body")),
        duration_ms=round(seconds * 1000, 1),
        outcome=outcome,
    )


def watch_statements(engine: AsyncEngine, threshold_s: float) -> None:
    """Logs every statement of `engine` slower than `threshold_s` (its text, shortened;
    never its parameters)."""
    if threshold_s <= 0:
        return

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def started(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        conn.info.setdefault("lumen_started", []).append(time.perf_counter())

    @event.listens_for(engine.sync_engine, "after_cursor_execute")
    def finished(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seconds = time.perf_counter() - conn.info["lumen_started"].pop()
        if seconds >= threshold_s:
            log.warning(
                "slow statement",
                statement=_SPACES.sub(" ", statement).strip()[:STATEMENT_CHARS],
                duration_ms=round(seconds * 1000, 1),
            )

    @event.listens_for(engine.sync_engine, "handle_error")
    def failed(context: Any) -> None:
        # A statement that raised never reaches after_cursor_execute.
        stack = context.connection.info.get("lumen_started") if context.connection else None
        if stack:
            stack.pop()
