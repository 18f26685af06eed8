"""Daily clean-up of what has done its job: idempotency keys past their promise, outbox
events projected a week ago, and stored files no photo refers to any more."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import Any

import msgspec
from arq.cron import cron

from lumen.db.idempotency import purge_expired
from lumen.db.outbox import purge_processed
from lumen.db.photos import referenced_keys
from lumen.media.backend import storage_for
from lumen.media.sweep import GRACE, Swept, sweep
from lumen.progress import Progress
from lumen.resources import Resources

PROCESSED_EVENT_RETENTION = timedelta(days=7)


async def purge_spent_rows(ctx: dict[str, Any]) -> dict[str, int]:
    resources: Resources = ctx["resources"]
    async with resources.sessions.begin() as session:
        keys = await purge_expired(session)
        events = await purge_processed(session, PROCESSED_EVENT_RETENTION)
    return {"idempotency_keys": keys, "outbox_events": events}


async def sweep_files(
    resources: Resources, grace: timedelta = GRACE, progress: Progress | None = None
) -> Swept:
    storage = storage_for(resources.settings)
    return await sweep(storage, partial(referenced_keys, resources.sessions), grace, progress)


async def sweep_unreferenced_files(ctx: dict[str, Any]) -> dict[str, int]:
    return msgspec.structs.asdict(await sweep_files(ctx["resources"]))


HOUSEKEEPING_CRON_JOBS = [
    cron(purge_spent_rows, hour=3, minute=41, second=0),
    cron(sweep_unreferenced_files, hour=4, minute=13, second=0),
]
