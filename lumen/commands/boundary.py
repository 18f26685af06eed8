"""The one place a command runs: its handler's unit of work, retried when a concurrent
writer got in between, with the Idempotency-Key of a POST as a guard in its transaction
(`idempotency.run_once`).

A stale version is not retried here when the client sent If-Match: the handler's check
raises StaleVersion (412) on the re-read. Without If-Match the re-read simply applies the
change on top of the other writer's, so concurrent writers all succeed, in order."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

import msgspec
from litestar.di import NamedDependency
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from lumen.commands.errors import Busy
from lumen.commands.jobs import Jobs
from lumen.commands.unit_of_work import Guard, UnitOfWork
from lumen.db.engine import Sessions
from lumen.settings import Settings

C = TypeVar("C", bound=msgspec.Struct)
R = TypeVar("R")
Handler = Callable[[C, UnitOfWork], Awaitable[R]]

ATTEMPTS = 6
# Full jitter over a doubling window: writers that collided once spread out.
FIRST_WINDOW_S = 0.01
LONGEST_WINDOW_S = 0.4
# Serialization failure and deadlock: Postgres rolled the transaction back; a rerun succeeds.
RETRIED_SQLSTATES = frozenset({"40001", "40P01"})


def retryable(exc: BaseException, uow: UnitOfWork) -> bool:
    if isinstance(exc, StaleDataError):
        return True
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        # A pooled connection the server dropped (a restart, a failover): the pool opens
        # fresh ones now. Nothing was committed, unless the COMMIT itself was under way.
        return not uow.committing
    return getattr(exc.orig, "sqlstate", None) in RETRIED_SQLSTATES


def pause_s(attempt: int) -> float:
    window = min(LONGEST_WINDOW_S, FIRST_WINDOW_S * 2**attempt)
    return random.uniform(0, window)  # noqa: S311 - jitter, not a secret


@dataclass(frozen=True, slots=True)
class Commands:
    sessions: Sessions
    settings: Settings
    jobs: Jobs

    async def run(self, handler: Handler[C, R], command: C, guard: Guard | None = None) -> R:
        """Runs the handler until its unit of work commits or fails for a reason of its own.

        `guard` joins each attempt's transaction (the Idempotency-Key of a POST)."""
        attempt = 1
        while True:
            # A fresh unit of work each time: the handler re-reads what it changes.
            uow = UnitOfWork(self.sessions, self.settings, self.jobs, guard)
            try:
                return await handler(command, uow)
            except (StaleDataError, DBAPIError) as exc:
                if not retryable(exc, uow):
                    raise
                if attempt == ATTEMPTS:
                    raise Busy(f"Still contended after {ATTEMPTS} attempts.") from exc
            await asyncio.sleep(pause_s(attempt))
            attempt += 1


# How routes ask for the boundary (provided per request by the app).
Cmds = NamedDependency[Commands]
