"""The database engine and session factory, built from settings (never at import time)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from lumen.settings import Settings

Sessions = async_sessionmaker[AsyncSession]


def create_engine(settings: Settings, pool_size: int = 10) -> AsyncEngine:
    # No pre-ping: it costs a round trip per transaction; a dropped connection fails its
    # statement and is replaced, and recycling retires connections before servers drop them.
    return create_async_engine(
        settings.database_url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=1800
    )


def create_sessions(engine: AsyncEngine) -> Sessions:
    return async_sessionmaker(engine, expire_on_commit=False)
