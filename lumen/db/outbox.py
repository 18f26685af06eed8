"""The outbox: every change's event, written in the same transaction as the change."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import chain
from typing import Any

import msgspec
from sqlalchemy import (
    BigInteger,
    DateTime,
    Identity,
    Index,
    Integer,
    Select,
    String,
    Text,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.dml import ReturningInsert, ReturningUpdate

from lumen.correlation import current_request_id, current_trace_context
from lumen.db.base import Base
from lumen.events import Event

_COLUMNS = (
    "aggregate_type",
    "aggregate_id",
    "aggregate_version",
    "event_type",
    "payload",
    "attempts",
    "request_id",
    "trace_context",
)
# Projector wakes on this channel; polling covers a missed notification.
OUTBOX_CHANNEL = "lumen_outbox"


class OutboxEvent(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        # The projector's claim query: pending, due, in order.
        Index(
            "ix_outbox_pending",
            "next_attempt_at",
            "id",
            postgresql_where=text("processed_at IS NULL AND dead_at IS NULL"),
        ),
        # Operators' dead-letter count and replay, without scanning processed history.
        Index("ix_outbox_dead", "id", postgresql_where=text("dead_at IS NOT NULL")),
        Index("ix_outbox_aggregate", "aggregate_type", "aggregate_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    aggregate_type: Mapped[str] = mapped_column(String(32))
    aggregate_id: Mapped[str] = mapped_column(String(128))
    aggregate_version: Mapped[int] = mapped_column(Integer)
    event_type: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    occurred_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    dead_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    # The request that caused it (lumen.correlation), for following a write in the logs.
    request_id: Mapped[str | None] = mapped_column(String(64))
    # The span that caused it (a W3C traceparent, version 00: 55 characters), with tracing
    # on and that span recorded, for the projector's span to link to.
    trace_context: Mapped[str | None] = mapped_column(String(55))


def _row(event: Event) -> dict[str, Any]:
    return {
        "aggregate_type": event.aggregate,
        "aggregate_id": event.aggregate_id,
        "aggregate_version": event.version,
        "event_type": event.name(),
        "payload": event.payload(),
        "attempts": 0,
        "request_id": current_request_id(),
        "trace_context": current_trace_context(),
    }


async def record(session: AsyncSession, *events: Event) -> None:
    """Adds events to the caller's transaction; they commit or roll back with the change."""
    # A plain INSERT: events are never read back, so the unit of work has nothing to track.
    if events:
        await session.execute(insert(OutboxEvent), [_row(event) for event in events])


def with_event(
    change: ReturningInsert[Any] | ReturningUpdate[Any], event_type: type[Event]
) -> Select[Any]:
    """One statement that makes `change` and records its `event_type`, the hot commands'
    single round trip. `change` RETURNs its table's `id`, `version` and every payload
    field of the event, so the event is exactly what `record` would have written."""
    changed = change.cte("changed")
    fields = [f.name for f in msgspec.structs.fields(event_type) if f.name != event_type.key]
    payload = func.jsonb_build_object(
        *chain.from_iterable(
            (literal(name), changed.c[name]) for name in fields if name != "version"
        )
    )
    event = insert(OutboxEvent).from_select(
        list(_COLUMNS),
        select(
            literal(event_type.aggregate),
            cast(changed.c.id, String),
            changed.c.version,
            literal(event_type.name()),
            payload,
            literal(0),
            literal(current_request_id(), String),
            literal(current_trace_context(), String),
        ),
    )
    return select(changed).add_cte(event.cte("event"))


async def purge_processed(session: AsyncSession, older_than: timedelta) -> int:
    """Drops events projected long enough ago that no operator needs them; dead ones stay."""
    result = await session.execute(
        delete(OutboxEvent).where(
            OutboxEvent.processed_at.is_not(None),
            OutboxEvent.processed_at < func.now() - older_than,
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
