"""What the API's metrics cost: `search/profiles` throughput at concurrency 32 against two
API processes in the same run, one with the per-request series and `/metrics`, one with
`LUMEN_METRICS_ENABLED=false`; rounds alternate between them so a drift of the machine
falls on both. Target: with metrics at least 0.95 of the throughput without.

    uv run python -m bench.queries.metrics_cost [--engine elasticsearch] [--rounds 6]
        [--seconds 5] [--profiles 10000]

Reads the projections benchmark's corpus, as `bench.queries.run` does (seeded first
where missing).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
from typing import Any

import aiohttp

from bench.database import INDEX_PREFIX
from bench.projections.run import ENGINES, ensure_corpus
from bench.queries.cases import build
from bench.queries.run import CONCURRENCY, _get, _sample, _server, _wait_for, api_env, throughput
from lumen.settings import load_settings

WITH = "http://127.0.0.1:8765"
WITHOUT = "http://127.0.0.1:8768"
CASE = "search/profiles"


async def main(engine_name: str, rounds: int, seconds: float, workers: int) -> dict[str, Any]:
    settings = load_settings(
        {"LUMEN_INDEX_PREFIX": INDEX_PREFIX, "LUMEN_SEARCH_ENGINE": engine_name}
    )
    env = api_env(engine_name, settings.search_url, INDEX_PREFIX)
    servers = [
        _server("lumen.app:create_app", 8765, workers, env),
        _server("lumen.app:create_app", 8768, workers, {**env, "LUMEN_METRICS_ENABLED": "false"}),
    ]
    try:
        connector = aiohttp.TCPConnector(limit=CONCURRENCY * 3)
        async with aiohttp.ClientSession(connector=connector) as session:
            for base in (WITH, WITHOUT):
                await _wait_for(session, base)
            origin, ids = await _sample(session, settings.search_url.rstrip("/"), INDEX_PREFIX)
            case = next(c for c in build(settings, origin, ids) if c.name == CASE)
            rps: dict[str, list[float]] = {"with": [], "without": []}
            for n in range(rounds):
                order = [("with", WITH), ("without", WITHOUT)]
                for side, base in order if n % 2 == 0 else order[::-1]:
                    found = await throughput(
                        lambda r, b=base: _get(session, b + r.api), case, seconds
                    )
                    rps[side].append(found)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
    medians = {side: statistics.median(v) for side, v in rps.items()}
    return {"rounds": rps, "median": medians, "ratio": medians["with"] / medians["without"]}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=ENGINES, default=ENGINES[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--profiles", type=int, default=10_000, help="when seeding a corpus")
    args = parser.parse_args()
    asyncio.run(ensure_corpus(args.engine, args.profiles))
    found = asyncio.run(main(args.engine, args.rounds, args.seconds, args.workers))
    print(f"{args.engine}, python {platform.python_version()}, {os.cpu_count()} CPUs")
    for side in ("with", "without"):
        rounds = ", ".join(f"{v:.0f}" for v in found["rounds"][side])
        print(f"{side} metrics: median {found['median'][side]:.0f} req/s ({rounds})")
    print(f"with ÷ without: {found['ratio']:.3f}x (target ≥ 0.95x)")
