"""Connections to the backing services, opened once per process and closed on shutdown."""

from __future__ import annotations

from dataclasses import dataclass

from opentelemetry.trace import Tracer
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from lumen import engine as search_engine
from lumen.db.engine import Sessions, create_engine, create_sessions
from lumen.settings import Settings
from lumen.slow_work import watch_statements


@dataclass(slots=True)
class Resources:
    settings: Settings
    db: AsyncEngine
    sessions: Sessions
    redis: Redis
    search: search_engine.SearchClient
    # The process's tracer for Lumen's own spans (projector batches, photo jobs); None with
    # tracing off.
    tracer: Tracer | None = None

    @classmethod
    def open(cls, settings: Settings, tracer: Tracer | None = None) -> Resources:
        db = create_engine(settings)
        watch_statements(db, settings.slow_sql_ms / 1000)
        return cls(
            settings=settings,
            db=db,
            sessions=create_sessions(db),
            redis=Redis.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=5),
            search=search_engine.connect(settings, tracer=tracer),
            tracer=tracer,
        )

    async def close(self) -> None:
        await self.search.close()
        await self.redis.aclose()
        await self.db.dispose()
