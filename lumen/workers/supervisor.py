"""Keeps `lumen worker` alive through outages: arq's worker returns (or raises) when its
Redis connection drops, and a worker that is gone for good leaves events and uploads
waiting with nobody to tell. Only a stop signal ends the loop."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from typing import Any

import structlog
from arq.worker import Worker, create_worker

log = structlog.get_logger()

FIRST_DELAY_S = 1.0
MAX_DELAY_S = 30.0
# A run this long was healthy: the next failure starts the backoff again.
HEALTHY_RUN_S = 60.0


def supervise(
    make: Callable[[], Worker],
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Runs workers one after another until a signal stops one; returns the restarts."""
    stopped: list[signal.Signals] = []
    delay, restarts = FIRST_DELAY_S, 0
    while True:
        worker = make()
        worker.on_stop = stopped.append
        started = time.monotonic()
        try:
            worker.run()
        except Exception as exc:  # whatever ended it, the fix is the same: start again
            log.warning("worker failed", error=repr(exc))
        _shut_down(worker)
        if stopped:
            return restarts
        if time.monotonic() - started >= HEALTHY_RUN_S:
            delay = FIRST_DELAY_S
        log.warning("worker stopped unexpectedly; restarting", in_s=delay)
        sleep(delay)
        delay, restarts = min(delay * 2, MAX_DELAY_S), restarts + 1


def _shut_down(worker: Worker) -> None:
    """arq's close deletes the heartbeat before it runs on_shutdown: with Redis away that
    raises, and the run's connections and projection loop would live on beside the next
    run's. So on_shutdown runs again here; it must be idempotent."""
    if worker.on_shutdown is not None:
        try:
            worker.loop.run_until_complete(worker.on_shutdown(worker.ctx))
        except Exception as exc:
            log.warning("worker shutdown failed", error=repr(exc))


def worker_factory(settings_cls: Any, **options: Any) -> Callable[[], Worker]:
    return lambda: create_worker(settings_cls, **options)
