"""Idempotent POSTs: the first response to an Idempotency-Key is stored in the command's
own transaction and replayed to every retry; nothing is written twice."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import msgspec
from litestar import Response
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands.boundary import C, Commands, Handler, R
from lumen.commands.errors import IdempotencyKeyReused, InvalidInput
from lumen.db.idempotency import IdempotentResponse

MAX_KEY_LENGTH = 200
REPLAYED_HEADERS = ("etag", "location")


def check_key(key: str) -> str:
    if not 0 < len(key) <= MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidInput("Idempotency-Key", f"must be 1-{MAX_KEY_LENGTH} printable characters")
    return key


def fingerprint(command: msgspec.Struct) -> str:
    # The command is the request as the write side sees it: the same key with another
    # command (another body, another target) is refused.
    digest = hashlib.sha256(msgspec.json.encode(command)).hexdigest()
    return f"{type(command).__name__} {digest}"[:128]


class Replayed(Exception):
    """This key already has a response; the boundary answers with it."""

    def __init__(self, response: Response[Any]) -> None:
        super().__init__("replayed")
        self.response = response


class Once:
    """The boundary's guard for a keyed command: claims the key when the transaction opens
    and stores the response just before it commits."""

    def __init__(
        self, caller_uid: str, key: str, print_: str, present: Callable[[Any], Response[Any]]
    ) -> None:
        self._caller_uid, self._key, self._print = caller_uid, key, print_
        self._present = present

    async def opened(self, session: AsyncSession) -> None:
        # The placeholder insert takes the key's unique-index lock first, so a concurrent
        # retry waits for this transaction and then sees its stored response.
        claimed = await session.scalar(
            insert(IdempotentResponse)
            .values(
                caller_uid=self._caller_uid,
                key=self._key,
                fingerprint=self._print,
                status_code=0,
                body=None,
            )
            .on_conflict_do_nothing()
            .returning(IdempotentResponse.key)
        )
        if claimed is None:
            raise Replayed(await self._stored(session))

    async def committing(self, session: AsyncSession, outcome: object) -> None:
        response = self._present(outcome)
        stored = await session.get_one(IdempotentResponse, (self._caller_uid, self._key))
        stored.status_code = response.status_code or 200
        stored.body = msgspec.to_builtins(response.content)
        stored.headers = {h: response.headers[h] for h in REPLAYED_HEADERS if h in response.headers}

    async def _stored(self, session: AsyncSession) -> Response[Any]:
        stored = await session.scalar(
            select(IdempotentResponse).where(
                IdempotentResponse.caller_uid == self._caller_uid,
                IdempotentResponse.key == self._key,
            )
        )
        if stored is None or stored.fingerprint != self._print:
            raise IdempotencyKeyReused("Use a new Idempotency-Key for a different request.")
        headers = {**stored.headers, "idempotent-replayed": "true"}
        return Response(stored.body, status_code=stored.status_code, headers=headers)


async def run_once(
    commands: Commands,
    handler: Handler[C, R],
    command: C,
    present: Callable[[R], Response[Any]],
    *,
    caller_uid: str,
    key: str | None,
) -> Response[Any]:
    """Runs a POST's command; with an Idempotency-Key, once per key and caller."""
    if key is None:
        return present(await commands.run(handler, command))
    once = Once(caller_uid, check_key(key), fingerprint(command), present)
    try:
        return present(await commands.run(handler, command, once))
    except Replayed as replayed:
        return replayed.response
