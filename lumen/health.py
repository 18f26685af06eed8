"""Liveness and readiness: each dependency is probed with its own timeout and latency."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar, Literal

import httpx
import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency
from sqlalchemy import text

from lumen.errors import DependencyUnavailable
from lumen.http import raises
from lumen.resources import Resources

PROBE_TIMEOUT_S = 2.0


class Check(msgspec.Struct):
    status: str
    latency_ms: float
    error: str | None = None


class Readiness(msgspec.Struct):
    status: str
    checks: dict[str, Check]

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


async def readiness(res: Resources) -> Readiness:
    named = probes(res)
    results = await asyncio.gather(*(_run(p, res) for p in named.values()))
    checks = dict(zip(named, results, strict=True))
    status = "ok" if all(c.status == "up" for c in checks.values()) else "unavailable"
    return Readiness(status, checks)


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
    async def ready(self, resources: NamedDependency[Resources]) -> Readiness:
        """For a load balancer: Postgres, Redis, the search engine (and the Auth emulator
        when configured), each with its status and latency; 503 names the ones down."""
        report = await readiness(resources)
        if report.status == "ok":
            return report
        down = sorted(name for name, c in report.checks.items() if c.status != "up")
        raise DependencyUnavailable(
            f"unavailable: {', '.join(down)}",
            unavailable=down,
            checks=msgspec.to_builtins(report.checks),
        )
