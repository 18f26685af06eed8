"""Liveness and readiness: each dependency is probed with its own timeout and latency."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar, Literal

import httpx
import msgspec
from arq.constants import health_check_key_suffix
from litestar import Controller, Request, get
from litestar.di import NamedDependency
from sqlalchemy import text

from lumen.auth.operators import is_operator
from lumen.errors import DependencyUnavailable
from lumen.http import raises
from lumen.projections.metrics import backlog
from lumen.resources import Resources
from lumen.workers.queue import queue_name

PROBE_TIMEOUT_S = 2.0
# Events older than this with no worker's heartbeat in Redis wait for a worker that is gone;
# older than BEHIND_S, a live worker is not keeping up.
STALLED_S = 30.0
BEHIND_S = 300.0


class Check(msgspec.Struct):
    status: str
    latency_ms: float
    error: str | None = None


class Projections(msgspec.Struct):
    """Whether the outbox is being drained: `draining`, `stalled` (events wait and no worker
    has a fresh heartbeat) or `behind` (a live worker, but the oldest event waits too long).
    Not a dependency of the API, which serves from the index either way: a stalled
    projection makes readiness `degraded`, still 200, for an operator or an alert to see."""

    status: str
    pending: int
    oldest_pending_age_s: float | None
    worker_alive: bool


class Readiness(msgspec.Struct):
    # ok, degraded (dependencies up; projections stalled, behind or unknown) or unavailable.
    status: str
    checks: dict[str, Check]
    projections: Projections | None = None

    example: ClassVar[dict[str, Any]] = {
        "status": "ok",
        "checks": {
            name: {"status": "up", "latency_ms": ms, "error": None}
            for name, ms in (("postgres", 1.4), ("redis", 0.3), ("search", 3.8))
        },
    }


class Liveness(msgspec.Struct):
    status: Literal["ok"] = "ok"

    example: ClassVar[dict[str, Any]] = {"status": "ok"}


async def _postgres(res: Resources) -> None:
    async with res.db.connect() as conn:
        await conn.execute(text("SELECT 1"))


async def _redis(res: Resources) -> None:
    await res.redis.ping()


async def _search(res: Resources) -> None:
    health = await res.search.health()
    if health.get("status") == "red":
        raise RuntimeError("cluster status is red")


async def _auth_emulator(res: Resources) -> None:
    async with httpx.AsyncClient(timeout=PROBE_TIMEOUT_S) as client:
        (await client.get(f"http://{res.settings.auth_emulator_host}/")).raise_for_status()


def probes(res: Resources) -> dict[str, Callable[[Resources], Awaitable[None]]]:
    found: dict[str, Callable[[Resources], Awaitable[None]]] = {
        "postgres": _postgres,
        "redis": _redis,
        "search": _search,
    }
    if res.settings.auth_emulator_host:
        found["auth_emulator"] = _auth_emulator
    return found


async def _run(probe: Callable[[Resources], Awaitable[None]], res: Resources) -> Check:
    start = time.perf_counter()
    try:
        await asyncio.wait_for(probe(res), PROBE_TIMEOUT_S)
    except Exception as exc:
        error = type(exc).__name__ if not isinstance(exc, TimeoutError) else "timeout"
        return Check("down", _ms(start), error)
    return Check("up", _ms(start))


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)


async def _projections(res: Resources) -> Projections:
    waiting, heartbeat = await asyncio.gather(
        backlog(res.db), res.redis.exists(queue_name(res.settings) + health_check_key_suffix)
    )
    age, alive = waiting.oldest_pending_age_s or 0.0, bool(heartbeat)
    status = "draining"
    if age > BEHIND_S:
        status = "behind"
    if age > STALLED_S and not alive:
        status = "stalled"
    return Projections(status, waiting.pending, waiting.oldest_pending_age_s, alive)


async def readiness(res: Resources) -> Readiness:
    named = probes(res)
    results = await asyncio.gather(*(_run(p, res) for p in named.values()))
    checks = dict(zip(named, results, strict=True))
    if not all(c.status == "up" for c in checks.values()):
        return Readiness("unavailable", checks)
    try:
        projections = await asyncio.wait_for(_projections(res), PROBE_TIMEOUT_S)
    except Exception:  # both stores answered the probes a moment ago
        return Readiness("degraded", checks)
    status = "ok" if projections.status == "draining" else "degraded"
    return Readiness(status, checks, projections)


class HealthController(Controller):
    path = "/health"
    tags = ["health"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @get("/live", operation_id="live", summary="Whether the process answers")
    async def live(self) -> Liveness:
        """For a process supervisor: it checks nothing beyond the process itself."""
        return Liveness()

    @get(
        "/ready",
        operation_id="ready",
        summary="Whether every dependency answers",
        cache=False,
        opt=raises(DependencyUnavailable),
    )
    async def ready(
        self, request: Request[Any, Any, Any], resources: NamedDependency[Resources]
    ) -> Readiness:
        """For a load balancer: whether Postgres, Redis, the search engine (and the Auth
        emulator when configured) answer — 200 `ok` or `degraded`, 503 otherwise. To
        operators (an operator network, or an admin's token) each dependency with its
        status and latency, which ones are down, and whether a live worker drains the
        outbox (`degraded` when events wait with no worker's heartbeat, or wait too long)."""
        report = await readiness(resources)
        if not await is_operator(request):
            report = Readiness(report.status, {})
        if report.status != "unavailable":
            return report
        down = sorted(name for name, c in report.checks.items() if c.status != "up")
        if not down:
            raise DependencyUnavailable("unavailable")
        raise DependencyUnavailable(
            f"unavailable: {', '.join(down)}",
            unavailable=down,
            checks=msgspec.to_builtins(report.checks),
        )
