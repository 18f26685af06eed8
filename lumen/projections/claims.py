"""Outbox rows as the projector's work queue: claimed under row locks that other workers
skip, acknowledged or retried with exponential backoff, dead after too many attempts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.db.outbox import OUTBOX_CHANNEL

BACKOFF_BASE_S = 1.0
BACKOFF_MAX_S = 600.0

# The order of ix_outbox_pending: due events, oldest first, read straight off the index.
# A row a crashed or slow worker holds is skipped, never waited for.
_CLAIM = text("""
    SELECT id, aggregate_type, aggregate_id, aggregate_version, event_type, payload::text,
           attempts, extract(epoch FROM occurred_at)::float8, request_id, trace_context
    FROM outbox
    WHERE processed_at IS NULL AND dead_at IS NULL AND next_attempt_at <= now()
    ORDER BY next_attempt_at, id
    LIMIT :limit
    FOR UPDATE SKIP LOCKED
""")
_ACKNOWLEDGE = text("UPDATE outbox SET processed_at = now() WHERE id = ANY(:ids)")
_FAIL = text("""
    UPDATE outbox SET
        attempts = attempts + 1,
        last_error = :error,
        next_attempt_at = now() + make_interval(secs => :delay),
        dead_at = CASE WHEN attempts + 1 >= :max_attempts THEN now() END
    WHERE id = :id
""")


@dataclass(frozen=True, slots=True)
class Claimed:
    """An outbox row as stored, for `lumen.events.decode` to make an event of."""

    id: int
    aggregate_type: str
    aggregate_id: str
    aggregate_version: int
    event_type: str
    # As text: msgspec decodes it far faster than the driver's json module.
    payload: str
    attempts: int = 0
    # When the event was written (epoch seconds; its transaction's time), for the lag.
    occurred_at: float = 0.0
    # The request that caused the event, for the batch's log lines, and the span (a W3C
    # traceparent), for the batch's span to link to.
    request_id: str | None = None
    trace_context: str | None = None


async def claim(session: AsyncSession, limit: int) -> list[Claimed]:
    rows = await session.execute(_CLAIM, {"limit": limit})
    return [Claimed(*row) for row in rows]


async def acknowledge(session: AsyncSession, ids: Sequence[int]) -> None:
    if ids:
        await session.execute(_ACKNOWLEDGE, {"ids": list(ids)})


def backoff_s(attempts: int) -> float:
    """The wait before attempt `attempts + 1`: 1 s, 2 s, 4 s … capped at ten minutes."""
    return min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2.0 ** min(attempts, 30))


async def fail(
    session: AsyncSession, events: Sequence[Claimed], errors: dict[int, str], max_attempts: int
) -> None:
    if not events:
        return
    params: list[dict[str, Any]] = [
        {
            "id": event.id,
            "error": errors[event.id][:2000],
            "delay": backoff_s(event.attempts),
            "max_attempts": max_attempts,
        }
        for event in events
    ]
    await session.execute(_FAIL, params)


async def bury(session: AsyncSession, events: Sequence[Claimed], errors: dict[int, str]) -> None:
    """Dead-letters events that no retry can help (unknown, undecodable, undeclared), with
    their reason, on their first attempt."""
    await fail(session, events, errors, max_attempts=1)


async def replay_dead(session: AsyncSession, ids: Sequence[int] | None = None) -> int:
    """Makes dead events due again with a fresh attempt count; returns how many."""
    only = "AND id = ANY(:ids)" if ids is not None else ""
    result = await session.execute(
        text(f"""
            UPDATE outbox SET dead_at = NULL, attempts = 0, last_error = NULL,
                              next_attempt_at = now()
            WHERE dead_at IS NOT NULL {only}
        """),  # noqa: S608 - `only` is one of two constants
        {"ids": list(ids or [])} if ids is not None else {},
    )
    # The insert trigger is the usual wake-up; a replay is no insert.
    await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": OUTBOX_CHANNEL})
    return int(getattr(result, "rowcount", 0) or 0)
