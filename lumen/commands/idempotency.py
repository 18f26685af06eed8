"""Idempotent POSTs: the first response to an Idempotency-Key is stored in the command's
own transaction and replayed to every retry; nothing is written twice."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
from litestar import Request, Response
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands.errors import IdempotencyKeyReused, InvalidInput
from lumen.db.idempotency import IdempotentResponse

RETENTION = timedelta(hours=48)  # promised: at least 24 hours
MAX_KEY_LENGTH = 200
HEADER = "idempotency-key"
REPLAYED_HEADERS = ("etag", "location")


def key_of(request: Request[Any, Any, Any]) -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not 0 < len(key) <= MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidInput("Idempotency-Key", f"must be 1-{MAX_KEY_LENGTH} printable characters")
    return key


def fingerprint(request: Request[Any, Any, Any], body: object) -> str:
    digest = hashlib.sha256(msgspec.json.encode(body)).hexdigest()
    return f"{request.method} {request.url.path} {digest}"[:128]


async def once(
    session: AsyncSession,
    caller_uid: str,
    key: str,
    print_: str,
    run: Callable[[], Awaitable[Response[Any]]],
) -> Response[Any]:
    """Runs `run` inside the caller's transaction unless this key already has a response.

    The placeholder insert takes the key's unique-index lock first, so a concurrent retry
    waits for this transaction and then sees its stored response.
    """
    claimed = await session.scalar(
        insert(IdempotentResponse)
        .values(caller_uid=caller_uid, key=key, fingerprint=print_, status_code=0, body=None)
        .on_conflict_do_nothing()
        .returning(IdempotentResponse.key)
    )
    if claimed is None:
        return await _replay(session, caller_uid, key, print_)
    response = await run()
    stored = await session.get_one(IdempotentResponse, (caller_uid, key))
    stored.status_code = response.status_code or 200
    stored.body = msgspec.to_builtins(response.content)
    stored.headers = {h: response.headers[h] for h in REPLAYED_HEADERS if h in response.headers}
    return response


async def _replay(session: AsyncSession, caller_uid: str, key: str, print_: str) -> Response[Any]:
    stored = await session.scalar(
        select(IdempotentResponse).where(
            IdempotentResponse.caller_uid == caller_uid, IdempotentResponse.key == key
        )
    )
    if stored is None or stored.fingerprint != print_:
        raise IdempotencyKeyReused("Use a new Idempotency-Key for a different request.")
    headers = {**stored.headers, "idempotent-replayed": "true"}
    return Response(stored.body, status_code=stored.status_code, headers=headers)


async def purge_expired(session: AsyncSession, now: datetime | None = None) -> int:
    cutoff = (now or datetime.now(UTC)) - RETENTION
    result = await session.execute(
        delete(IdempotentResponse).where(IdempotentResponse.created_at < cutoff)
    )
    return int(getattr(result, "rowcount", 0) or 0)
