"""Query endpoints against the engine, in the same run: each endpoint's latency (p50,
p99; API and engine requests interleaved one by one) and throughput at concurrency 32,
against the very query the endpoint sends, posted straight to the engine.

    uv run python -m bench.queries.run [--prefix lumen-bench] [--requests 300] [--seconds 5]

Reads the indices of the projections benchmark's seeded corpus (`lumen-bench-*`, read
aliases only; nothing is written). The API runs in a uvicorn subprocess (`--workers`),
with the anonymous response cache off so that every request reaches the engine.
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
import time
from typing import Any

import aiohttp

from bench.queries.cases import Case, Request, build
from lumen.geo.coordinates import Point
from lumen.settings import load_settings

API = "http://127.0.0.1:8765"
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


async def latency(
    session: aiohttp.ClientSession, engine: str, case: Case, n: int
) -> dict[str, Any]:
    api_ms: list[float] = []
    engine_ms: list[float] = []
    for i in range(n + 20):
        request = case.variants[i % len(case.variants)]
        calls = [
            ("api", lambda r=request: _get(session, API + r.api)),
            ("engine", lambda r=request: _post(session, engine, r)),
        ]
        for side, call in calls if i % 2 == 0 else calls[::-1]:
            started = time.perf_counter()
            await call()
            if i >= 20:  # the first ones warm up both sides
                (api_ms if side == "api" else engine_ms).append(
                    (time.perf_counter() - started) * 1000
                )
    return {"api": _quantiles(api_ms), "engine": _quantiles(engine_ms)}


async def throughput(
    session: aiohttp.ClientSession, engine: str, case: Case, side: str, seconds: float
) -> float:
    done = 0
    deadline = time.perf_counter() + seconds

    async def worker(k: int) -> None:
        nonlocal done
        i = k
        while time.perf_counter() < deadline:
            request = case.variants[i % len(case.variants)]
            if side == "api":
                await _get(session, API + request.api)
            else:
                await _post(session, engine, request)
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


def _server(prefix: str, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "LUMEN_INDEX_PREFIX": prefix,
        "LUMEN_QUERY_CACHE_TTL_S": "0",
        "LUMEN_LOG_LEVEL": "WARNING",
        "LUMEN_REDIS_URL": "redis://127.0.0.1:6379/12",
    }
    return subprocess.Popen(  # noqa: S603 - our own interpreter, our own arguments
        [
            sys.executable,
            "-m",
            "uvicorn",
            "lumen.app:create_app",
            "--factory",
            "--port",
            "8765",
            "--log-level",
            "warning",
            "--no-access-log",
            "--workers",
            str(workers),
        ],
        env=env,
    )


async def _wait_for_api(session: aiohttp.ClientSession) -> None:
    for _ in range(100):
        try:
            await _get(session, API + "/health/live")
            return
        except (aiohttp.ClientError, RuntimeError):
            await asyncio.sleep(0.2)
    raise RuntimeError("the API did not start")


async def main(prefix: str, requests: int, seconds: float, workers: int) -> dict[str, Any]:
    settings = load_settings({"LUMEN_INDEX_PREFIX": prefix})
    engine = settings.search_url.rstrip("/")
    server = _server(prefix, workers)
    connector = aiohttp.TCPConnector(limit=CONCURRENCY * 2)
    try:
        async with aiohttp.ClientSession(connector=connector) as session:
            await _wait_for_api(session)
            origin, ids = await _sample(session, engine, prefix)
            results: dict[str, Any] = {}
            for case in build(settings, origin, ids):
                lat = await latency(session, engine, case, requests)
                rps_engine = await throughput(session, engine, case, "engine", seconds)
                rps_api = await throughput(session, engine, case, "api", seconds)
                results[case.name] = {**lat, "rps": {"api": rps_api, "engine": rps_engine}}
                print(_line(case.name, results[case.name]), flush=True)
            return results
    finally:
        server.terminate()
        server.wait(timeout=10)


def _line(name: str, r: dict[str, Any]) -> str:
    api, eng, rps = r["api"], r["engine"], r["rps"]
    return (
        f"| `{name}` | {api['p50']:.1f} / {api['p99']:.1f} | {eng['p50']:.1f} / {eng['p99']:.1f}"
        f" | **{api['p50'] / eng['p50']:.2f}x** | {rps['api']:.0f} | {rps['engine']:.0f}"
        f" | **{rps['api'] / rps['engine']:.2f}x** |"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefix", default="lumen-bench")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=5.0)
    # One per core, as the API is deployed; the engine and this client share the cores.
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, {args.workers} API workers")
    print(
        "| endpoint | API p50 / p99 ms | engine p50 / p99 ms | p50 ratio"
        " | API req/s | engine req/s | throughput ratio |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    found = asyncio.run(main(args.prefix, args.requests, args.seconds, args.workers))
    with open("bench/queries/last_run.json", "w") as out:
        json.dump(found, out, indent=2)
