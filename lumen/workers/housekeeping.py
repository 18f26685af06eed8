"""Daily clean-up of rows that have done their job: idempotency keys past their promise
and outbox events projected a week ago."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from arq.cron import cron

from lumen.commands.idempotency import purge_expired
from lumen.db.outbox import purge_processed
from lumen.resources import Resources

PROCESSED_EVENT_RETENTION = timedelta(days=7)


async def purge_spent_rows(ctx: dict[str, Any]) -> dict[str, int]:
    resources: Resources = ctx["resources"]
    async with resources.sessions.begin() as session:
        keys = await purge_expired(session)
        events = await purge_processed(session, PROCESSED_EVENT_RETENTION)
    return {"idempotency_keys": keys, "outbox_events": events}


HOUSEKEEPING_CRON_JOBS = [cron(purge_spent_rows, hour=3, minute=41, second=0)]
