"""Runs one command in one transaction, replaying the stored response when a POST is
retried with the same Idempotency-Key."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Request, Response
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands import idempotency
from lumen.resources import Resources


async def run_command(
    request: Request[Any, Any, Any],
    resources: Resources,
    caller_uid: str,
    body: object,
    handle: Callable[[AsyncSession], Awaitable[Response[Any]]],
) -> Response[Any]:
    key = idempotency.key_of(request) if request.method == "POST" else None
    async with resources.sessions.begin() as session:
        if key is None:
            return await handle(session)
        print_ = idempotency.fingerprint(request, body)
        return await idempotency.once(session, caller_uid, key, print_, lambda: handle(session))
