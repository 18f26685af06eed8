"""The projector, as each worker sees it: batch durations, events by outcome, documents
written, and how long an event waited from its write to its acknowledgement."""

from __future__ import annotations

import time
from collections.abc import Iterable

from prometheus_client import Counter, Histogram

BATCHES = Histogram(
    "lumen_projector_batch_duration_seconds",
    "Projector batches that claimed events: claim, build, bulk write and acknowledge",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
EVENTS = Counter(
    "lumen_projector_events",
    "Outbox events a batch claimed, by outcome: projected, retried (a write refused), dead",
    ["outcome"],
)
DOCUMENTS = Counter(
    "lumen_projector_documents",
    "Documents sent to the search engine (writes and tombstones); its rate is documents/s",
)
LAG = Histogram(
    "lumen_projector_lag_seconds",
    "From an event's write (its transaction's time) to its acknowledgement: how stale search is",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600),
)


def observe_batch(
    duration_s: float, projected: Iterable[float], retried: int, dead: int, documents: int
) -> None:
    """`projected` holds the write time (epoch seconds) of each acknowledged event."""
    BATCHES.observe(duration_s)
    now = time.time()
    count = 0
    for written in projected:
        LAG.observe(max(0.0, now - written))
        count += 1
    EVENTS.labels("projected").inc(count)
    EVENTS.labels("retried").inc(retried)
    EVENTS.labels("dead").inc(dead)
    DOCUMENTS.inc(documents)
