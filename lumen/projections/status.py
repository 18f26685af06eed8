"""What operators and the metrics endpoint see: each projection's aliases and counts,
the outbox backlog and recent batch timings."""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

import msgspec

from lumen.projections.backfill import source_count
from lumen.projections.indices import layout
from lumen.projections.metrics import (
    Backlog,
    BatchTimings,
    backlog,
    recent_batches,
    timings,
)
from lumen.projections.registry import READ_MODELS
from lumen.resources import Resources


class ProjectionStatus(msgspec.Struct):
    name: str
    index: str | None
    write_indices: list[str]
    documents: int | None
    tombstones: int | None
    source_rows: int | None


class ProjectorHealth(msgspec.Struct):
    backlog: Backlog
    batches: BatchTimings
    write_indices: dict[str, list[str]]

    example: ClassVar[dict[str, Any]] = {
        "backlog": {"pending": 3, "dead": 0, "oldest_pending_age_s": 0.4},
        "batches": {"count": 120, "p50_ms": 8.4, "max_ms": 41.0, "last_at": 1796300000.5},
        "write_indices": {"profiles": ["lumen-profiles-v1"], "photos": ["lumen-photos-v1"]},
    }


class Status(msgspec.Struct):
    projections: list[ProjectionStatus]
    backlog: Backlog
    batches: BatchTimings


async def projector_health(resources: Resources) -> ProjectorHealth:
    now, waiting, batches = await asyncio.gather(
        layout(resources.search, resources.settings),
        backlog(resources.db),
        recent_batches(resources.redis, resources.settings),
    )
    return ProjectorHealth(waiting, timings(batches), now.writers)


async def _count(resources: Resources, index: str, tombstone: bool) -> int:
    return await resources.search.count(index, {"term": {"tombstone": tombstone}})


async def status(resources: Resources, *, with_sources: bool = True) -> Status:
    """Reads only (no index is created or changed). Counting source rows scans tables; the
    metrics endpoint leaves that out."""
    now, waiting, batches = await asyncio.gather(
        layout(resources.search, resources.settings),
        backlog(resources.db),
        recent_batches(resources.redis, resources.settings),
    )
    found = []
    for model in READ_MODELS:
        name = model.name
        index = now.readers.get(name)
        found.append(
            ProjectionStatus(
                name=name,
                index=index,
                write_indices=now.writers.get(name, []),
                documents=None if index is None else await _count(resources, index, False),
                tombstones=None if index is None else await _count(resources, index, True),
                source_rows=await source_count(resources.sessions, model) if with_sources else None,
            )
        )
    return Status(found, waiting, timings(batches))
