"""The floor: the least any Python API in front of the engine can cost on this machine.

A bare ASGI app under the same uvicorn as the API that answers each benchmarked GET by
posting its prebuilt engine query with aiohttp and returning the engine's bytes as they
came: no framework, no validation, no query building, no shaping of the answer. What
separates it from the engine is only the second HTTP hop and the Python process serving it.

    uvicorn bench.queries.floor:create_floor --factory   (LUMEN_BENCH_FLOOR_ROUTES=file)
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import parse_qsl

import aiohttp
import msgspec

from bench.queries.cases import Request
from lumen.settings import load_settings

ROUTES_ENV = "LUMEN_BENCH_FLOOR_ROUTES"
ENGINE_ENV = "LUMEN_SEARCH_URL"
RouteKey = tuple[str, tuple[tuple[str, str], ...]]


def route_key(path: str, query: str) -> RouteKey:
    # Parsed, so the client's choice of percent-encoding does not matter.
    return path, tuple(sorted(parse_qsl(query)))


class Floor:
    def __init__(self, engine: str, requests: list[Request]) -> None:
        self.engine = engine.rstrip("/")
        self.routes = {route_key(*r.api.partition("?")[::2]): r for r in requests}
        self.session: aiohttp.ClientSession | None = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        request = self.routes.get(route_key(scope["path"], scope["query_string"].decode()))
        status, body = 404, b"{}"
        if request is not None and self.session is not None:
            kind = "application/x-ndjson" if request.ndjson else "application/json"
            async with self.session.post(
                self.engine + request.engine_path,
                data=request.engine_body,
                headers={"content-type": kind},
            ) as response:
                status, body = response.status, await response.read()
        elif scope["path"] == "/health/live":
            status = 200
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _lifespan(self, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64))
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self.session is not None:
                    await self.session.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


def create_floor() -> Floor:
    with open(os.environ[ROUTES_ENV], "rb") as routes:
        requests = msgspec.json.decode(routes.read(), type=list[Request])
    return Floor(os.environ.get(ENGINE_ENV) or load_settings().search_url, requests)
