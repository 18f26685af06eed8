"""The scale curve: how the p50 of search, nearby and discover grows with the corpus, on
one node, for the API and for the very query it sends posted straight to the engine.

    uv run python -m bench.queries.scale [--engine elasticsearch|opensearch]
        [--sizes 10000,100000,500000] [--requests 200]

Each size is a fresh corpus (five photos per profile), seeded and projected as the
projections benchmark does, into the benchmark's own database and indices; the last size
stays behind for the query benchmark.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
from typing import Any

import aiohttp

from bench.database import INDEX_PREFIX, REDIS_URL
from bench.projections.run import ENGINES, bench_settings, machine, project_corpus
from bench.queries.cases import build
from bench.queries.run import API, CONCURRENCY, _sample, _server, _wait_for, latency, sides
from lumen.resources import Resources

CURVE = ("search/profiles", "nearby", "discover")


async def point(engine_name: str, profiles: int, requests: int) -> dict[str, Any]:
    settings = bench_settings(engine_name)
    res = Resources.open(settings)
    try:
        await project_corpus(res, profiles, photos_per_profile=5)
    finally:
        await res.close()
    env = {
        "LUMEN_SEARCH_ENGINE": engine_name,
        "LUMEN_SEARCH_URL": settings.search_url,
        "LUMEN_INDEX_PREFIX": INDEX_PREFIX,
        "LUMEN_QUERY_CACHE_TTL_S": "0",
        "LUMEN_REDIS_URL": REDIS_URL,
        **{
            f"LUMEN_RATE_LIMIT_{budget}_PER_MINUTE": "0"
            for budget in ("SEARCH", "LOCATION", "WRITES", "UPLOADS", "FAILED_AUTH")
        },
    }
    server = _server("lumen.app:create_app", 8765, os.cpu_count() or 1, env)
    engine = settings.search_url.rstrip("/")
    try:
        connector = aiohttp.TCPConnector(limit=CONCURRENCY)
        async with aiohttp.ClientSession(connector=connector) as session:
            await _wait_for(session, API)
            origin, ids = await _sample(session, engine, INDEX_PREFIX)
            calls = sides(session, engine)
            two = {side: calls[side] for side in ("api", "engine")}
            found = {}
            for case in build(settings, origin, ids):
                if case.name in CURVE:
                    found[case.name] = await latency(two, case, requests)
            return found
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--engine", choices=ENGINES, default=ENGINES[0])
    parser.add_argument("--sizes", default="10000,100000,500000")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    print(json.dumps({"machine": machine(), "engine": args.engine}))
    print("| profiles | photos | " + " | ".join(f"`{n}` API / engine p50 ms" for n in CURVE) + " |")
    print("|---:|---:|" + "---:|" * len(CURVE))
    curve: dict[int, Any] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        found = asyncio.run(point(args.engine, size, args.requests))
        curve[size] = found
        cells = [f"{found[n]['api']['p50']:.1f} / {found[n]['engine']['p50']:.1f}" for n in CURVE]
        print(f"| {size:,} | {size * 5:,} | " + " | ".join(cells) + " |", flush=True)
    with open(f"bench/queries/scale-{args.engine}.json", "w") as out:
        json.dump(curve, out, indent=2)


if __name__ == "__main__":
    main()
