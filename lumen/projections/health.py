"""`GET /health/projections`: lag, backlog, dead events and batch timings, cheap enough
to scrape (no table scans, no index counts)."""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency

from lumen.auth.operators import OperatorsOnly, operators_only
from lumen.http import raises
from lumen.projections.status import ProjectorHealth, projector_health
from lumen.resources import Resources


class ProjectionHealthController(Controller):
    path = "/health/projections"
    tags = ["health"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get(
        operation_id="projections",
        summary="Projection lag and dead events",
        cache=False,
        guards=[operators_only],
        opt=raises(OperatorsOnly),
    )
    async def projections(self, resources: NamedDependency[Resources]) -> ProjectorHealth:
        return await projector_health(resources)
