"""`GET /v1/map/clusters`: counts of listed profiles per map tile of a viewport, with
tiles too sparse to hide anyone among the others left out."""

from __future__ import annotations

import math
from typing import Annotated, Any, ClassVar

import msgspec
from litestar import Controller, get
from litestar.params import Parameter

from lumen.geo.coordinates import BBox
from lumen.http import Req, Res, raises
from lumen.queries import audience, inputs, results
from lumen.queries.results import SearchUnavailable

# A cell needs this many profiles to be shown: below it a count points at people.
MIN_PROFILES = 5
# Tiles of zoom 13 are about 5 km wide at the equator (3 km at Paris): never finer, so
# a cluster cannot pin down anyone better than the precision they chose.
MAX_PRECISION = 13
# A viewport shows a few tiles of its own zoom; two levels finer gives a useful grid.
FINER_THAN_VIEW = 2
MAX_CELLS = 2000
MAX_ZOOM = 22
Viewport = Annotated[str, Parameter(max_length=200, description="min_lon,min_lat,max_lon,max_lat")]
Zoom = Annotated[int, Parameter(ge=0, le=MAX_ZOOM, description="The map's zoom level")]


class Cluster(msgspec.Struct, frozen=True, kw_only=True):
    tile: str  # zoom/x/y
    count: int
    # The tile's centre, not the profiles' centroid: a cell tells where its tile is.
    lat: float
    lon: float


class Clusters(msgspec.Struct, frozen=True, kw_only=True):
    precision: int
    min_count: int
    items: list[Cluster]

    example: ClassVar[dict[str, Any]] = {
        "precision": 14,
        "min_count": 5,
        "items": [{"tile": "14/8299/5636", "count": 23, "lat": 48.8593, "lon": 2.3401}],
    }


def precision(zoom: int) -> int:
    return min(zoom + FINER_THAN_VIEW, MAX_PRECISION)


def body(bbox: BBox, zoom: int) -> dict[str, Any]:
    box = {
        "top_left": {"lat": bbox.north, "lon": bbox.west},
        "bottom_right": {"lat": bbox.south, "lon": bbox.east},
    }
    return {
        "size": 0,
        "track_total_hits": False,
        "query": {
            "bool": {
                "filter": [*audience.listed_profiles(), {"geo_bounding_box": {"location": box}}]
            }
        },
        "aggs": {
            "cells": {
                "geotile_grid": {
                    "field": "location",
                    "precision": precision(zoom),
                    "size": MAX_CELLS,
                    "bounds": box,
                }
            }
        },
    }


def tile_centre(key: str) -> tuple[float, float]:
    zoom, x, y = (int(part) for part in key.split("/"))
    tiles = 2**zoom
    lon = (x + 0.5) / tiles * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + 0.5) / tiles))))
    return lat, lon


def cells(found: dict[str, Any]) -> list[Cluster]:
    shown: list[Cluster] = []
    for bucket in found.get("aggregations", {}).get("cells", {}).get("buckets", []):
        if bucket["doc_count"] < MIN_PROFILES:
            continue
        lat, lon = tile_centre(bucket["key"])
        shown.append(Cluster(tile=bucket["key"], count=bucket["doc_count"], lat=lat, lon=lon))
    return shown


class MapController(Controller):
    path = "/v1/map"
    tags = ["discovery"]  # noqa: RUF012 - Litestar reads it as a class attribute
    opt = raises(SearchUnavailable)

    @get("/clusters", operation_id="mapClusters", summary="Count profiles per map tile")
    async def clusters(self, request: Req, resources: Res, bbox: Viewport, zoom: Zoom) -> Clusters:
        """Profile counts per map tile in the viewport; tiles with fewer than `min_count`
        profiles are left out, so no cluster points at a few people."""
        box = inputs.bbox(bbox)

        async def produce() -> Clusters:
            found = await results.search(resources, "profiles", body(box, zoom))
            return Clusters(precision=precision(zoom), min_count=MIN_PROFILES, items=cells(found))

        return await results.cached(request, resources, Clusters, produce)
