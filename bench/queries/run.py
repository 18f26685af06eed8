"""Query endpoints against the engine, in the same run: each endpoint's latency (p50,
p99; requests interleaved one by one) and throughput at concurrency 32, against the very
query the endpoint sends, posted straight to the engine; against the floor
(`bench.queries.floor`): a bare ASGI app relaying that query, what any Python API costs;
and against the peer (`bench.queries.peer`): the same endpoints in FastAPI with pydantic
and the engine's official client.

    uv run python -m bench.queries.run [--engine elasticsearch|opensearch] [--requests 300]
        [--seconds 5] [--profiles 10000]

Reads the indices of the projections benchmark's seeded corpus (`lumen-bench-*`, read
aliases only), on the engine named; where that engine has none yet, a corpus of
`--profiles` profiles is seeded and projected first, as the projections benchmark does.
The API, the floor and the peer run in uvicorn subprocesses (`--workers` each), the
API's anonymous response cache off so every request reaches the engine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import msgspec

from bench.database import INDEX_PREFIX, REDIS_URL
from bench.projections.run import ENGINES, ensure_corpus
from bench.queries.cases import Case, Request, build
from bench.queries.floor import ENGINE_ENV, ROUTES_ENV
from lumen.geo.coordinates import Point
from lumen.settings import load_settings

API = "http://127.0.0.1:8765"
FLOOR = "http://127.0.0.1:8766"
PEER = "http://127.0.0.1:8767"
CONCURRENCY = 32


async def _get(session: aiohttp.ClientSession, url: str) -> None:
    async with session.get(url) as response:
        await response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")


async def _post(session: aiohttp.ClientSession, engine: str, request: Request) -> None:
    kind = "application/x-ndjson" if request.ndjson else "application/json"
    async with session.post(
        engine + request.engine_path, data=request.engine_body, headers={"content-type": kind}
    ) as response:
        body = await response.read()
        if response.status != 200 or b'"error"' in body[:200]:
            raise RuntimeError(f"{request.engine_path}: {response.status} {body[:300]!r}")


def _quantiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100)
    return {"p50": statistics.median(samples), "p99": cuts[98]}


Call = Callable[[Request], Awaitable[None]]


def sides(session: aiohttp.ClientSession, engine: str) -> dict[str, Call]:
    """Each contender as one call per request: the API, the bare floor, the FastAPI peer,
    the engine."""
    return {
        "api": lambda r: _get(session, API + r.api),
        "floor": lambda r: _get(session, FLOOR + r.api),
        "peer": lambda r: _get(session, PEER + r.api),
        "engine": lambda r: _post(session, engine, r),
    }


async def latency(calls: dict[str, Call], case: Case, n: int) -> dict[str, Any]:
    samples: dict[str, list[float]] = {side: [] for side in calls}
    order = list(calls)
    for i in range(n + 20):
        request = case.variants[i % len(case.variants)]
        # Interleaved one by one, each side first in turn.
        for side in order[i % len(order) :] + order[: i % len(order)]:
            started = time.perf_counter()
            await calls[side](request)
            if i >= 20:  # the first ones warm up every side
                samples[side].append((time.perf_counter() - started) * 1000)
    return {side: _quantiles(ms) for side, ms in samples.items()}


async def throughput(call: Call, case: Case, seconds: float) -> float:
    done = 0
    deadline = time.perf_counter() + seconds

    async def worker(k: int) -> None:
        nonlocal done
        i = k
        while time.perf_counter() < deadline:
            await call(case.variants[i % len(case.variants)])
            done += 1
            i += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker(k) for k in range(CONCURRENCY)))
    return done / (time.perf_counter() - started)


async def _sample(
    session: aiohttp.ClientSession, engine: str, prefix: str
) -> tuple[Point, list[str]]:
    query = {
        "size": 200,
        "_source": ["id", "location"],
        "query": {
            "bool": {
                "filter": [
                    {"term": {"tombstone": False}},
                    {"term": {"visibility": "public"}},
                    {"term": {"nearby_opt_in": True}},
                    {"exists": {"field": "location"}},
                ]
            }
        },
    }
    async with session.post(f"{engine}/{prefix}-profiles/_search", json=query) as response:
        hits = (await response.json())["hits"]["hits"]
    location = hits[0]["_source"]["location"]
    return Point(lat=location["lat"], lon=location["lon"]), [h["_source"]["id"] for h in hits]


def _server(app: str, port: int, workers: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - our own interpreter, our own arguments
        [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--factory",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
            "--workers",
            str(workers),
        ],
        env={**os.environ, "LUMEN_LOG_LEVEL": "WARNING", **env},
    )


def api_env(engine_name: str, search_url: str, prefix: str) -> dict[str, str]:
    """The API's settings for a benchmark: the corpus's engine and prefix, no response
    cache (every request reaches the engine), no rate limits."""
    return {
        "LUMEN_SEARCH_ENGINE": engine_name,
        "LUMEN_SEARCH_URL": search_url,
        "LUMEN_INDEX_PREFIX": prefix,
        "LUMEN_QUERY_CACHE_TTL_S": "0",
        "LUMEN_REDIS_URL": REDIS_URL,
        # A benchmark is one client sending far more than any member would.
        **{
            f"LUMEN_RATE_LIMIT_{budget}_PER_MINUTE": "0"
            for budget in ("SEARCH", "LOCATION", "WRITES", "UPLOADS", "FAILED_AUTH")
        },
    }


async def _wait_for(session: aiohttp.ClientSession, base: str) -> None:
    # Importing Lumen takes seconds per worker process, far longer on a loaded machine.
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            await _get(session, base + "/health/live")
            return
        except (aiohttp.ClientError, RuntimeError):
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{base} did not start")


async def main(
    engine_name: str, prefix: str, requests: int, seconds: float, workers: int
) -> dict[str, Any]:
    settings = load_settings({"LUMEN_INDEX_PREFIX": prefix, "LUMEN_SEARCH_ENGINE": engine_name})
    engine = settings.search_url.rstrip("/")
    servers = [_server("lumen.app:create_app", 8765, workers, api_env(engine_name, engine, prefix))]
    connector = aiohttp.TCPConnector(limit=CONCURRENCY * 3)
    try:
        async with aiohttp.ClientSession(connector=connector) as session:
            origin, ids = await _sample(session, engine, prefix)
            cases = build(settings, origin, ids)
            with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as routes:
                routes.write(msgspec.json.encode([r for c in cases for r in c.variants]))
            floor_env = {ROUTES_ENV: routes.name, ENGINE_ENV: engine}
            servers.append(_server("bench.queries.floor:create_floor", 8766, workers, floor_env))
            peer_env = {**floor_env, "LUMEN_SEARCH_ENGINE": engine_name}
            servers.append(_server("bench.queries.peer:create_peer", 8767, workers, peer_env))
            for base in (API, FLOOR, PEER):
                await _wait_for(session, base)
            calls = sides(session, engine)
            results: dict[str, Any] = {}
            for case in cases:
                lat = await latency(calls, case, requests)
                rps = {side: await throughput(call, case, seconds) for side, call in calls.items()}
                results[case.name] = {**lat, "rps": rps}
                print(_line(case.name, results[case.name]), flush=True)
            os.unlink(routes.name)
            return results
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


def _line(name: str, r: dict[str, Any]) -> str:
    eng, rps = r["engine"], r["rps"]
    cells = [f"`{name}`"]
    for side in ("engine", "floor", "peer", "api"):
        cells += [f"{r[side]['p50']:.1f} / {r[side]['p99']:.1f}", f"{rps[side]:.0f}"]
    # Targets: against the floor p50 <= 1.15x and throughput >= 0.85x; against the peer
    # p50 <= 1x and throughput >= 1x.
    for side in ("floor", "peer"):
        p50_ratio = r["api"]["p50"] / r[side]["p50"]
        rps_ratio = rps["api"] / rps[side]
        cells.append(f"**{p50_ratio:.2f}x** / **{rps_ratio:.2f}x**")
    cells.append(f"{r['api']['p50'] / eng['p50']:.2f}x / {rps['api'] / rps['engine']:.2f}x")
    return "| " + " | ".join(cells) + " |"


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=ENGINES, default=ENGINES[0])
    parser.add_argument("--profiles", type=int, default=10_000, help="when seeding a corpus")
    parser.add_argument("--prefix", default=INDEX_PREFIX)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=5.0)
    # One per core, as the API is deployed; the engine and this client share the cores.
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    if args.prefix == INDEX_PREFIX:
        asyncio.run(ensure_corpus(args.engine, args.profiles))
    print(
        f"{args.engine}, python {platform.python_version()}, {os.cpu_count()} CPUs,"
        f" {args.workers} API workers"
    )
    print(
        "| endpoint | engine p50 / p99 ms | engine req/s | floor p50 / p99 ms | floor req/s"
        " | peer p50 / p99 ms | peer req/s | API p50 / p99 ms | API req/s"
        " | API ÷ floor p50 / req/s | API ÷ peer p50 / req/s | API ÷ engine p50 / req/s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    found = asyncio.run(main(args.engine, args.prefix, args.requests, args.seconds, args.workers))
    with open(f"bench/queries/last_run-{args.engine}.json", "w") as out:
        json.dump(found, out, indent=2)
