"""The outbox as the API sees it when scraped: events waiting, the age of the oldest, and
the dead ones. Read from Postgres, so they hold even when no worker is left to report."""

from __future__ import annotations

from prometheus_client import Gauge

from lumen.projections.metrics import Backlog

# In multi-process mode the process that answered the scrape measured it last.
PENDING = Gauge(
    "lumen_outbox_pending_events",
    "Outbox events not yet projected and not dead",
    multiprocess_mode="mostrecent",
)
OLDEST_AGE = Gauge(
    "lumen_outbox_oldest_pending_age_seconds",
    "Age of the oldest pending outbox event; 0 when none waits",
    multiprocess_mode="mostrecent",
)
DEAD = Gauge(
    "lumen_outbox_dead_events",
    "Outbox events dead after too many failed attempts, until an operator replays them",
    multiprocess_mode="mostrecent",
)


def show(backlog: Backlog) -> None:
    PENDING.set(backlog.pending)
    OLDEST_AGE.set(backlog.oldest_pending_age_s or 0.0)
    DEAD.set(backlog.dead)
