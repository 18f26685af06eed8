"""The benchmarked requests: for each endpoint, the API call and the very query the
endpoint sends the engine for it, built by the same builders with the same inputs."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import msgspec

from lumen.geo.coordinates import BBox, Point
from lumen.projections.indices import read_alias
from lumen.queries import audience, clusters, discovery, inputs, relevance, suggest
from lumen.queries.audience import Viewer
from lumen.queries.discovery import Around
from lumen.queries.pages import Page
from lumen.queries.photo_search import PhotoQuery
from lumen.queries.photo_search import body as photo_body
from lumen.queries.profile_search import ProfileQuery
from lumen.queries.profile_search import body as profile_body
from lumen.queries.results import QUERY_TIMEOUT
from lumen.settings import Settings

PROFILE_TEXTS = [
    "portrait photographer",
    "fashion editorial",
    "Zoe Martin",
    "Lefevre",
    "phtographer",
]
PHOTO_TEXTS = ["portrait", "street", "golden hour", "bw"]
TYPED = ["zo", "por", "fash", "mar", "lef"]
PAGE = 20


@dataclass(frozen=True)
class Request:
    api: str  # path and query
    engine_path: str  # /index/_search or /_msearch
    engine_body: bytes
    ndjson: bool = False


@dataclass(frozen=True)
class Case:
    name: str
    variants: list[Request]


def _search(settings: Settings, name: str, body: dict[str, Any]) -> tuple[str, bytes]:
    full = {"timeout": QUERY_TIMEOUT, **body}
    return f"/{read_alias(settings, name)}/_search", msgspec.json.encode(full)


def _page() -> Page:
    return Page(PAGE, None, int(time.time()) // 60 * 60, b"")


def _request(
    api: str, params: dict[str, Any], name: str, body: dict[str, Any], settings: Settings
) -> Request:
    path, encoded = _search(settings, name, body)
    return Request(f"{api}?{urlencode(params)}" if params else api, path, encoded)


def build(settings: Settings, origin: Point, profile_ids: list[str]) -> list[Case]:
    anonymous = Viewer.of(None, settings)
    near = f"{origin.lat},{origin.lon}"
    snapped = relevance.origin(origin)
    make: dict[str, Callable[[], list[Request]]] = {
        "search/profiles": lambda: [
            _request(
                "/v1/search/profiles",
                {"q": q},
                "profiles",
                profile_body(ProfileQuery(q=q), _page()),
                settings,
            )
            for q in PROFILE_TEXTS
        ],
        "search/photos": lambda: [
            _request(
                "/v1/search/photos",
                {"q": q},
                "photos",
                photo_body(PhotoQuery(q=q), anonymous, _page()),
                settings,
            )
            for q in PHOTO_TEXTS
        ],
        "discover": lambda: [
            _request(
                "/v1/discover",
                {"near": near},
                "profiles",
                discovery.discover(Around(origin=snapped), anonymous, _page()),
                settings,
            )
        ],
        "nearby": lambda: [
            _request(
                "/v1/nearby",
                {"near": near, "radius_km": 50},
                "profiles",
                discovery.nearby(
                    Around(origin=snapped),
                    snapped or origin,
                    inputs.radius_km(50),
                    None,
                    anonymous,
                    _page(),
                ),
                settings,
            )
        ],
        "suggest": lambda: [_suggest(settings, typed) for typed in TYPED],
        "profiles/{id}": lambda: [
            _request(
                f"/v1/profiles/{ident}",
                {},
                "profiles",
                {
                    "size": 1,
                    "query": {
                        "bool": {
                            "filter": [
                                {"ids": {"values": [ident]}},
                                *audience.viewable_profile(anonymous),
                            ]
                        }
                    },
                },
                settings,
            )
            for ident in profile_ids
        ],
        "map/clusters": lambda: [
            _request(
                "/v1/map/clusters",
                {"bbox": "-10,35,30,60", "zoom": 4},
                "profiles",
                clusters.body(BBox(west=-10, south=35, east=30, north=60), 4),
                settings,
            )
        ],
    }
    return [Case(name, build_variants()) for name, build_variants in make.items()]


def _suggest(settings: Settings, typed: str) -> Request:
    lines: list[bytes] = []
    for name, body in suggest.requests(typed):
        lines.append(msgspec.json.encode({"index": read_alias(settings, name)}))
        lines.append(msgspec.json.encode({"timeout": QUERY_TIMEOUT, **body}))
    return Request(f"/v1/suggest?q={typed}", "/_msearch", b"\n".join(lines) + b"\n", ndjson=True)
