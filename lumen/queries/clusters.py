"""Map clusters of listed profiles: counts per map tile, with tiles too sparse to hide
anyone among the others left out."""

from __future__ import annotations

import math
from typing import Any

from lumen.geo.coordinates import BBox
from lumen.queries import audience
from lumen.queries.views import Cluster

# A cell needs this many profiles to be shown: below it a count points at people.
MIN_PROFILES = 5
# Tiles of zoom 13 are about 5 km wide at the equator (3 km at Paris): never finer, so
# a cluster cannot pin down anyone better than the precision they chose.
MAX_PRECISION = 13
# A viewport shows a few tiles of its own zoom; two levels finer gives a useful grid.
FINER_THAN_VIEW = 2
MAX_CELLS = 2000


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
