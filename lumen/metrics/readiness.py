"""Whether each dependency answered its readiness probe, as last scraped."""

from __future__ import annotations

from prometheus_client import Gauge

from lumen.health import Readiness

DEPENDENCY_UP = Gauge(
    "lumen_dependency_up",
    "1 when the dependency answered the readiness probe at the last scrape, else 0",
    ["dependency"],
    multiprocess_mode="mostrecent",
)


def show(readiness: Readiness) -> None:
    for name, check in readiness.checks.items():
        DEPENDENCY_UP.labels(name).set(1 if check.status == "up" else 0)
