"""The peer: the seven query endpoints written the way the product's original checklist
would have them — a minimal FastAPI app with pydantic models calling the engine's official
client, with its default serializers.

It sends the engine exactly the queries Lumen sends (prebuilt by Lumen's own builders and
looked up by URL, as the floor does), so the engine's work is the same on every side and
the peer is spared building them: what it adds over the floor is FastAPI's routing and
parameter validation, the official client's request path and pydantic's shaping of the
answer.

    uvicorn bench.queries.peer:create_peer --factory   (LUMEN_BENCH_FLOOR_ROUTES=file)
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Protocol

import msgspec
from fastapi import FastAPI, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict

from bench.queries.cases import Request as Prebuilt
from bench.queries.floor import ENGINE_ENV, ROUTES_ENV, route_key
from lumen.queries.clusters import tile_centre
from lumen.settings import load_settings


class Card(BaseModel):
    """One hit: its id and its document's fields, as a pydantic model validates them."""

    model_config = ConfigDict(extra="allow")
    id: str


class Page(BaseModel):
    items: list[Card]
    total: int | None = None
    facets: dict[str, Any] | None = None


class Suggestions(BaseModel):
    groups: list[list[Card]]


class Cluster(BaseModel):
    key: str
    count: int
    lat: float
    lon: float


class Clusters(BaseModel):
    clusters: list[Cluster]


class Engine(Protocol):
    async def search(self, *, index: str, body: dict[str, Any]) -> Any: ...
    async def msearch(self, *, body: list[dict[str, Any]]) -> Any: ...
    async def close(self) -> None: ...


def _client(engine: str, url: str) -> Engine:
    if engine == "opensearch":
        from opensearchpy import AsyncOpenSearch

        return AsyncOpenSearch(hosts=[url])  # type: ignore[return-value]
    from elasticsearch import AsyncElasticsearch

    return AsyncElasticsearch(hosts=[url])  # type: ignore[return-value]


def _cards(hits: list[dict[str, Any]]) -> list[Card]:
    return [Card(**{**hit["_source"], "id": hit["_id"]}) for hit in hits]


def _page(answer: Any) -> Page:
    hits = answer["hits"]
    total = hits.get("total")
    return Page(
        items=_cards(hits["hits"]),
        total=total["value"] if isinstance(total, dict) else total,
        facets=answer.get("aggregations"),
    )


def create_peer() -> FastAPI:
    with open(os.environ[ROUTES_ENV], "rb") as routes:
        prebuilt = msgspec.json.decode(routes.read(), type=list[Prebuilt])
    by_url = {route_key(*r.api.partition("?")[::2]): r for r in prebuilt}
    settings = load_settings()
    url = os.environ.get(ENGINE_ENV) or settings.search_url
    state: dict[str, Engine] = {}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        state["engine"] = _client(settings.search_engine, url)
        yield
        await state["engine"].close()

    app = FastAPI(lifespan=lifespan)

    def lookup(request: Request) -> Prebuilt:
        found = by_url.get(route_key(request.url.path, request.url.query))
        if found is None:
            raise HTTPException(404)
        return found

    async def search(request: Request) -> Any:
        prebuilt = lookup(request)
        index = prebuilt.engine_path.strip("/").split("/")[0]
        return await state["engine"].search(index=index, body=json.loads(prebuilt.engine_body))

    @app.get("/health/live")
    async def live() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/v1/search/profiles", response_model=Page)
    async def search_profiles(request: Request, q: Annotated[str, Query(max_length=200)]) -> Page:
        return _page(await search(request))

    @app.get("/v1/search/photos", response_model=Page)
    async def search_photos(request: Request, q: Annotated[str, Query(max_length=200)]) -> Page:
        return _page(await search(request))

    @app.get("/v1/discover", response_model=Page)
    async def discover(request: Request, near: str) -> Page:
        return _page(await search(request))

    @app.get("/v1/nearby", response_model=Page)
    async def nearby(
        request: Request, near: str, radius_km: Annotated[float, Query(gt=0, le=500)]
    ) -> Page:
        return _page(await search(request))

    @app.get("/v1/suggest", response_model=Suggestions)
    async def suggest(request: Request, q: Annotated[str, Query(max_length=100)]) -> Suggestions:
        prebuilt = lookup(request)
        lines = [json.loads(line) for line in prebuilt.engine_body.splitlines() if line]
        answer = await state["engine"].msearch(body=lines)
        return Suggestions(groups=[_cards(r["hits"]["hits"]) for r in answer["responses"]])

    @app.get("/v1/profiles/{ident}", response_model=Card)
    async def profile(request: Request, ident: str) -> Card:
        hits = _cards((await search(request))["hits"]["hits"])
        if not hits:
            raise HTTPException(404)
        return hits[0]

    @app.get("/v1/map/clusters", response_model=Clusters)
    async def map_clusters(
        request: Request, bbox: str, zoom: Annotated[int, Query(ge=0, le=20)]
    ) -> Clusters:
        answer = await search(request)
        buckets = next(iter(answer["aggregations"].values()))["buckets"]
        return Clusters(clusters=[_cluster(bucket) for bucket in buckets])

    return app


def _cluster(bucket: dict[str, Any]) -> Cluster:
    lat, lon = tile_centre(bucket["key"])
    return Cluster(key=bucket["key"], count=bucket["doc_count"], lat=lat, lon=lon)
