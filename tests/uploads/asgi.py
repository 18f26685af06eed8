"""A request whose body arrives chunk by chunk, straight into the app: the test client
reads a body whole before sending it, which would hide any buffering in the app.

The call runs on the test client's own event loop, where the app's connections live."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient


async def put_streamed(
    client: AsyncTestClient[Litestar],
    path: str,
    headers: dict[str, str],
    body: AsyncIterator[bytes],
) -> tuple[int, bytes]:
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "PUT",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }
    status = 0
    sent = bytearray()

    async def receive() -> dict[str, Any]:
        chunk = await anext(body, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            sent.extend(message.get("body", b""))

    async def exchange() -> None:
        await client.app(scope, receive, send)

    await asyncio.to_thread(client.blocking_portal.call, exchange)
    return status, bytes(sent)


async def endless(first: bytes, chunk_size: int, pulled: list[int]) -> AsyncIterator[bytes]:
    """`first`, then zeros forever; `pulled` counts the chunks the server asked for."""
    pulled.append(1)
    yield first
    filler = bytes(chunk_size)
    while True:
        pulled.append(1)
        yield filler
