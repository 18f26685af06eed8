"""Projection work in the worker: the loop that drains the outbox (`wakeup`) and the
hourly tombstone purge, thin wrappers over lumen.projections."""

from __future__ import annotations

from typing import Any

from arq.cron import cron

from lumen.projections.purge import purge_tombstones
from lumen.projections.rebuild import upgrade
from lumen.resources import Resources
from lumen.workers.wakeup import ProjectionLoop


async def purge_old_tombstones(ctx: dict[str, Any]) -> int:
    resources: Resources = ctx["resources"]
    return await purge_tombstones(resources.search, resources.settings)


async def start_projections(ctx: dict[str, Any]) -> None:
    resources: Resources = ctx["resources"]
    # Before the first batch: an index of an older schema must not be written to.
    await upgrade(resources)
    loop = ProjectionLoop(resources)
    loop.start()
    ctx["projection_loop"] = loop


async def stop_projections(ctx: dict[str, Any]) -> None:
    loop: ProjectionLoop | None = ctx.pop("projection_loop", None)
    if loop is not None:
        await loop.stop()


PROJECTION_CRON_JOBS = [cron(purge_old_tombstones, minute=17, second=0)]
