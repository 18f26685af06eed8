"""Where each process's series are served from.

The API: `/metrics` on its own port. With several server processes behind that port, a
scrape reaches one of them at random, so their series must be added up: prometheus-client's
multi-process mode, a directory named by `PROMETHEUS_MULTIPROC_DIR` (set for `lumen serve`
only, before it starts) where each process keeps its figures, emptied at every start.

A worker: prometheus-client's HTTP server on a loopback port of its own
(`LUMEN_WORKER_METRICS_PORT`). Workers are separate processes, started and restarted on
their own, often on other hosts: a port each makes each one a target that Prometheus
scrapes and sees go down by itself (`up`), which one shared directory cannot tell."""

from __future__ import annotations

import os
from pathlib import Path

import structlog
from prometheus_client import start_http_server

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
log = structlog.get_logger()


def prepare_server_processes(workers: int) -> None:
    path = os.environ.get(MULTIPROCESS_DIR)
    if path is None:
        if workers > 1:
            log.warning(
                f"{workers} server processes and no {MULTIPROCESS_DIR}: each scrape of"
                " /metrics sees one process's figures"
            )
        return
    # Figures of a previous run's processes would be added to this run's.
    for stale in Path(path).glob("*.db"):
        stale.unlink()


def serve_worker_metrics(port: int) -> None:
    """In a thread of its own, so it answers through arq restarts; 0 serves nothing."""
    if port == 0:
        return
    try:
        start_http_server(port, addr="127.0.0.1")
    except OSError as exc:
        # Projections and photos matter more than being watched: work on, unscraped.
        log.error("worker metrics not served", port=port, error=repr(exc))
