"""Cutting off request bodies that trickle in: a body with no byte for the idle timeout,
or, once past it, one arriving slower than the minimum rate on average, ends in 408.
Servers time out idle connections and unfinished headers, but not a body sent a byte a
second, which holds a request open for as long as its sender likes."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from litestar.enums import ScopeType
from litestar.exceptions import HTTPException
from litestar.types import ASGIApp, Receive, ReceiveMessage, Scope, Send


class BodyTooSlow(HTTPException):
    status_code = 408
    detail = "The request body arrived too slowly."


def slow_body_limit(idle_s: float, min_bytes_per_s: int) -> Callable[[ASGIApp], ASGIApp]:
    """Litestar middleware (a factory taking the app)."""

    def middleware(app: ASGIApp) -> ASGIApp:
        async def limited(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != ScopeType.HTTP:
                await app(scope, receive, send)
                return
            await app(scope, _timed(receive, idle_s, min_bytes_per_s), send)

        return limited

    return middleware


def _timed(receive: Receive, idle_s: float, min_bytes_per_s: int) -> Receive:
    started, received, finished = time.monotonic(), 0, False

    async def timed() -> ReceiveMessage:
        nonlocal received, finished
        if finished:
            # After the body only a disconnect can come, whenever it does.
            return await receive()
        now = time.monotonic()
        # The next chunk is due within the idle timeout, and never later than the minimum
        # average rate allows once the first idle period is over.
        due = min(now + idle_s, started + idle_s + received / min_bytes_per_s)
        try:
            message = await asyncio.wait_for(receive(), max(due - now, 0.0))
        except TimeoutError:
            raise BodyTooSlow from None
        if message["type"] == "http.request":
            # Both keys may be left out (ASGI's defaults: no bytes, no more).
            received += len(message.get("body", b""))
            finished = not message.get("more_body", False)
        else:
            finished = True
        return message

    return timed
