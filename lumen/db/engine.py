"""The database engine and session factory, built from settings (never at import time)."""

from __future__ import annotations

from sqlalchemy.ext import asyncio as sqlalchemy_async
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from lumen.metrics.pool import watch_pool
from lumen.settings import Settings

Sessions = async_sessionmaker[AsyncSession]


# Sized above the concurrency a process serves: connections beyond the pool are opened
# and closed per checkout, which cost commands half their throughput in the benchmark.
def create_engine(settings: Settings, pool_size: int = 20) -> AsyncEngine:
    # No pre-ping: it costs a round trip per transaction; a dropped connection fails its
    # statement and is replaced, and recycling retires connections before servers drop them.
    # The function is looked up when called: tracing's instrumentation wraps it, so that an
    # engine made with tracing on traces its statements (lumen.tracing.process).
    engine = sqlalchemy_async.create_async_engine(
        settings.database_url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=1800
    )
    watch_pool(engine)
    return engine


def create_sessions(engine: AsyncEngine) -> Sessions:
    return async_sessionmaker(engine, expire_on_commit=False)
