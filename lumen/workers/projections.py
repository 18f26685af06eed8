"""Projection jobs: thin wrappers over lumen.projections for arq."""

from __future__ import annotations

import logging
from typing import Any

from arq.cron import cron
from arq.worker import func

from lumen.projections.projector import DRAIN_BUDGET_S, drain
from lumen.projections.purge import purge_tombstones
from lumen.projections.rebuild import upgrade
from lumen.resources import Resources
from lumen.workers.wakeup import PROJECT_JOB, OutboxListener

log = logging.getLogger(__name__)

POLL_INTERVAL_S = 5


async def project_outbox(ctx: dict[str, Any]) -> int:
    resources: Resources = ctx["resources"]
    return await drain(resources)


async def poll_outbox(ctx: dict[str, Any]) -> int:
    # The fallback for a notification missed while the listener was reconnecting.
    listener: OutboxListener | None = ctx.get("outbox_listener")
    if listener is not None:
        try:
            await listener.ensure_listening()
        except Exception:
            log.exception("outbox listener cannot reconnect; polling only")
    return await project_outbox(ctx)


async def purge_old_tombstones(ctx: dict[str, Any]) -> int:
    resources: Resources = ctx["resources"]
    return await purge_tombstones(resources.search, resources.settings)


async def start_projections(ctx: dict[str, Any], queue: str) -> None:
    resources: Resources = ctx["resources"]
    # Before the first batch: an index of an older schema must not be written to.
    await upgrade(resources)
    listener = OutboxListener(resources.settings, ctx["redis"], queue)
    await listener.start()
    ctx["outbox_listener"] = listener


async def stop_projections(ctx: dict[str, Any]) -> None:
    listener: OutboxListener | None = ctx.pop("outbox_listener", None)
    if listener is not None:
        await listener.stop()


PROJECTION_FUNCTIONS = [
    # No result kept, so the job id is free again the moment a run ends.
    func(project_outbox, name=PROJECT_JOB, keep_result=0, timeout=DRAIN_BUDGET_S + 60),
]
PROJECTION_CRON_JOBS = [
    cron(
        poll_outbox,
        second=set(range(0, 60, POLL_INTERVAL_S)),
        run_at_startup=True,
        timeout=DRAIN_BUDGET_S + 60,
    ),
    cron(purge_old_tombstones, minute=17, second=0),
]
