"""Responses to POSTs sent with an Idempotency-Key, stored in the command's transaction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import DateTime, Integer, String, delete, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from lumen.db.base import Base

RETENTION = timedelta(hours=48)  # promised: at least 24 hours


class IdempotentResponse(Base):
    __tablename__ = "idempotency_keys"

    caller_uid: Mapped[str] = mapped_column(String(128), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    # The command's type and a hash of it: the same key with another request is refused.
    fingerprint: Mapped[str] = mapped_column(String(128))
    status_code: Mapped[int] = mapped_column(Integer)
    body: Mapped[Any] = mapped_column(JSONB)
    headers: Mapped[dict[str, str]] = mapped_column(JSONB, default=dict)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), index=True
    )


async def purge_expired(session: AsyncSession, now: datetime | None = None) -> int:
    cutoff = (now or datetime.now(UTC)) - RETENTION
    result = await session.execute(
        delete(IdempotentResponse).where(IdempotentResponse.created_at < cutoff)
    )
    return int(getattr(result, "rowcount", 0) or 0)
