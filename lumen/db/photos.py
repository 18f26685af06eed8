"""Photos: metadata, processing state and where their files are stored."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    cast,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Mapped, mapped_column

from lumen.db.base import Base
from lumen.db.columns import Versioned, check_in
from lumen.db.profiles import LOCATION_CHECKS

PHOTO_STATUSES = ("draft", "processing", "ready", "failed")
# Held: out of view pending review of its reports (a protective hide); hidden by an admin.
MODERATION_STATES = ("visible", "held", "hidden")
# Rows read per round trip while collecting the referenced files.
PAGE = 5000


class Photo(Versioned, Base):
    __tablename__ = "photos"
    __table_args__ = (
        *LOCATION_CHECKS,
        CheckConstraint(check_in("status", PHOTO_STATUSES), name="status"),
        CheckConstraint(check_in("moderation", MODERATION_STATES), name="moderation"),
        CheckConstraint("width > 0 AND height > 0", name="dimensions"),
        Index("ix_photos_owner_id_created_at", "owner_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    title: Mapped[str | None] = mapped_column(String(140))
    caption: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(40)), default=list)
    visibility: Mapped[str] = mapped_column(String(16), default="public")
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    failure_reason: Mapped[str | None] = mapped_column(Text)
    moderation: Mapped[str] = mapped_column(String(16), default="visible")
    moderation_reason: Mapped[str | None] = mapped_column(Text)
    taken_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    exif: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    location_precision: Mapped[str] = mapped_column(String(16), default="city")
    city_id: Mapped[int | None] = mapped_column(ForeignKey("cities.id"), index=True)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    original_key: Mapped[str | None] = mapped_column(String(200))
    variants: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    placeholder: Mapped[str | None] = mapped_column(String(200))


async def stuck_photos(session: AsyncSession, older_than: timedelta) -> list[tuple[uuid.UUID, str]]:
    """Photos whose processing should have finished by now: their job may have been lost."""
    cutoff = datetime.now(UTC) - older_than
    rows = await session.execute(
        select(Photo.id, Photo.original_key)
        .where(Photo.status == "processing", Photo.updated_at < cutoff)
        .order_by(Photo.updated_at)
        .limit(1000)
    )
    return [(photo_id, key) for photo_id, key in rows if key is not None]


async def referenced_keys(sessions: async_sessionmaker[AsyncSession]) -> set[str]:
    """Every stored file a photo row names: its original and its variants."""
    keys: set[str] = set()
    query = select(Photo.original_key, cast(Photo.variants, Text)).execution_options(yield_per=PAGE)
    async with sessions() as session:
        async for original, variants in await session.stream(query):
            if original:
                keys.add(original)
            keys.update(_variant_keys(msgspec.json.decode(variants or "[]")))
    return keys


def _variant_keys(variants: Any) -> list[str]:
    if not isinstance(variants, list):
        return []
    return [v["key"] for v in variants if isinstance(v, dict) and isinstance(v.get("key"), str)]
