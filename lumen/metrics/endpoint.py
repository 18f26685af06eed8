"""`GET /metrics` on the API: Litestar's Prometheus controller (which reads
prometheus-client's multi-process directory when one is set), after measuring what only
a look at the dependencies tells — their readiness and the outbox backlog."""

from __future__ import annotations

import asyncio
from typing import Any

import structlog
from litestar import Request
from litestar.plugins.prometheus import PrometheusController

from lumen.auth.operators import operators_only
from lumen.health import readiness
from lumen.metrics import outbox
from lumen.metrics import readiness as ready
from lumen.projections.metrics import backlog
from lumen.resources import Resources

log = structlog.get_logger()


async def _measure(request: Request[Any, Any, Any]) -> None:
    resources: Resources = request.app.state.resources
    checks, waiting = await asyncio.gather(
        readiness(resources), backlog(resources.db), return_exceptions=True
    )
    if not isinstance(checks, BaseException):
        ready.show(checks)
    # Postgres away: readiness says so; the backlog keeps its last figures.
    if isinstance(waiting, BaseException):
        log.warning("outbox backlog unavailable", error=repr(waiting))
    else:
        outbox.show(waiting)


class MetricsController(PrometheusController):
    # For Prometheus, not for the API's clients.
    include_in_schema = False
    guards = [operators_only]  # noqa: RUF012 - Litestar reads it as a class attribute
    before_request = staticmethod(_measure)
