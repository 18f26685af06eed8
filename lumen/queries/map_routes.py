"""Map clusters of profiles for a viewport."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.params import Parameter

from lumen.queries import clusters, engine_calls, inputs
from lumen.queries.anonymous_cache import cached
from lumen.queries.views import Clusters
from lumen.resources import Resources

Req = Request[Any, Any, Any]
Res = NamedDependency[Resources]
MAX_ZOOM = 22


class MapController(Controller):
    path = "/v1/map"
    tags = ["discovery"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/clusters", operation_id="mapClusters")
    async def clusters(
        self,
        request: Req,
        resources: Res,
        bbox: Annotated[
            str, Parameter(max_length=200, description="min_lon,min_lat,max_lon,max_lat")
        ],
        zoom: Annotated[int, Parameter(ge=0, le=MAX_ZOOM, description="The map's zoom level")],
    ) -> Clusters:
        """Profile counts per map tile in the viewport; tiles with fewer than `min_count`
        profiles are left out, so no cluster points at a few people."""
        box = inputs.bbox(bbox)

        async def produce() -> Clusters:
            found = await engine_calls.search(
                resources.search, resources.settings, "profiles", clusters.body(box, zoom)
            )
            return Clusters(
                precision=clusters.precision(zoom),
                min_count=clusters.MIN_PROFILES,
                items=clusters.cells(found),
            )

        return await cached(request, resources, Clusters, produce)
