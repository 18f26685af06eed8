"""Mixed load against a real `lumen serve` and a real `lumen worker` on loopback: searches,
discovery, nearby, suggestions, the map, public profile and photo views (and the photo's
picture), profile edits, photo creates, small image uploads the worker then processes,
follows and unfollows, from `--concurrency` users at once for `--seconds`, after a warm-up.

    uv run python -m bench.load.run [--seconds 600] [--warmup 60] [--concurrency 32]
        [--profiles 1000] [--engine elasticsearch|opensearch] [--prefix lumen-bench-load]

Reports every status per route with p50/p99 latency, the API's and the worker's RSS once
warm and at the end, and how long the worker took after the load to empty the outbox, the
job queue and the photos in processing. Rate limits are off (one machine's 32 users would
spend any member's budget at once); the anonymous response cache is as deployed (10 s).

Its own database (lumen_bench_load, created and migrated here), Redis database 12 unless
LUMEN_BENCH_REDIS_URL says otherwise, its own index prefix and media directory. The
community (`lumen seed cities`, then `--profiles` demo profiles with five photos each,
uploaded and processed by the worker) is seeded once and kept for later runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import tempfile
import time
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from bench.database import INDEX_PREFIX, REDIS_URL, database, prepared
from bench.load.driver import Caught, caught_up, run_load
from bench.load.machine import Watch, cpu_ticks, describe
from bench.load.tally import Tally
from bench.load.world import world
from lumen.db.cities import City
from lumen.resources import Resources
from lumen.seed.cities import seed_cities
from lumen.seed.demo import seed_demo
from lumen.settings import DEFAULT_SEARCH_URLS, load_settings
from tests.conftest import TEST_ENV
from tests.live import serving, working

DB = "lumen_bench_load"
OUT = Path(__file__).parent / "last_run.json"
BUDGETS = ("SEARCH", "LOCATION", "WRITES", "UPLOADS", "FAILED_AUTH")
SEEDING_S = 4 * 3600.0


def bench_env(engine: str, prefix: str, database_url: str) -> dict[str, str]:
    return {
        "LUMEN_DATABASE_URL": f"{database_url}?ssl=disable",
        "LUMEN_REDIS_URL": REDIS_URL,
        "LUMEN_SEARCH_ENGINE": engine,
        "LUMEN_SEARCH_URL": DEFAULT_SEARCH_URLS[engine],
        "LUMEN_INDEX_PREFIX": prefix,
        "LUMEN_MEDIA_DIR": str(Path(tempfile.gettempdir()) / f"{database(DB)}-media"),
        **{f"LUMEN_RATE_LIMIT_{budget}_PER_MINUTE": "0" for budget in BUDGETS},
    }


async def seed(resources: Resources, profiles: int) -> None:
    async with resources.sessions() as session:
        cities = await session.scalar(select(func.count()).select_from(City))
    if (cities or 0) < 1000:
        print(f"cities: {await seed_cities(resources.db)} seeded", flush=True)
    started, done = time.monotonic(), 0

    def progress(step: int) -> None:
        nonlocal done
        done += step
        if done % 100 == 0:
            print(f"demo profiles: {done} new", flush=True)

    made = await seed_demo(resources, profiles, progress=progress)
    print(f"demo profiles: {made} new in {time.monotonic() - started:.0f} s", flush=True)
    caught = await caught_up(resources, SEEDING_S)
    print(f"worker caught up with the seed {caught.seconds:.0f} s after it", flush=True)


def report(
    tally: Tally, warmup: Tally, watch: Watch, caught: Caught, busy: float, args: Any
) -> dict[str, Any]:
    (api_warm, worker_warm), (api_end, worker_end) = watch.samples[0], watch.samples[-1]
    found = {
        "machine": describe(),
        "python": platform.python_version(),
        "engine": args.engine,
        "concurrency": args.concurrency,
        "seconds": round(tally.seconds, 1),
        "requests": tally.requests,
        "requests_per_s": round(tally.requests / tally.seconds, 1),
        "server_errors": tally.server_errors(),
        "warmup_server_errors": warmup.server_errors(),
        "unexpected": tally.unexpected(),
        "rss_mib": {
            "api": [api_warm, api_end, round(api_end / api_warm, 3)],
            "worker": [worker_warm, worker_end, round(worker_end / worker_warm, 3)],
            "api_max": max(s[0] for s in watch.samples),
            "worker_max": max(s[1] for s in watch.samples),
        },
        "catch_up_s": round(caught.seconds, 1),
        "dead_events": caught.dead_events,
        "failed_photos": caught.failed_photos,
        "cpu_busy": round(busy, 3),
        "load_average": [min(watch.loads), max(watch.loads)],
    }
    rss = found["rss_mib"]
    print(f"\n{describe()}, Python {found['python']}, {args.engine}")
    print(
        f"{found['requests']:,} requests in {found['seconds']} s ({found['requests_per_s']}/s)"
        f" at concurrency {args.concurrency}, after {warmup.requests:,} in a"
        f" {warmup.seconds:.0f} s warm-up; rate limits off (LUMEN_RATE_LIMIT_*_PER_MINUTE=0)"
    )
    print(
        f"5xx or no answer: {found['server_errors'] or 'none'}"
        f" (warm-up: {found['warmup_server_errors'] or 'none'})"
    )
    print(f"other unexpected statuses: {found['unexpected'] or 'none'}\n")
    print(tally.table())
    print(
        f"\nRSS MiB, warm -> end (ratio; max): API {rss['api'][0]} -> {rss['api'][1]}"
        f" ({rss['api'][2]}x; {rss['api_max']}), worker {rss['worker'][0]} ->"
        f" {rss['worker'][1]} ({rss['worker'][2]}x; {rss['worker_max']})"
    )
    print(
        f"caught up {found['catch_up_s']} s after the load (outbox, job queue, photos"
        f" processing all empty); dead events {caught.dead_events}, failed photos"
        f" {caught.failed_photos}"
    )
    print(f"both cores {busy:.0%} busy during the load; load average {found['load_average']}")
    return found


async def main(args: argparse.Namespace) -> dict[str, Any]:
    env = bench_env(args.engine, args.prefix, await prepared(DB))
    settings = load_settings({**TEST_ENV, **env})
    logs = Path(tempfile.mkdtemp(prefix="lumen-load-"))
    print(f"logs in {logs}", flush=True)
    resources = Resources.open(settings)
    async with AsyncExitStack() as stack:
        stack.push_async_callback(resources.close)
        worker = await stack.enter_async_context(
            working(settings, resources, logs / "worker.log", **env)
        )
        await seed(resources, args.profiles)
        server = await stack.enter_async_context(serving(settings, logs / "server.log", **env))
        limits = httpx.Limits(max_connections=args.concurrency * 2)
        http = httpx.AsyncClient(base_url=server.url, timeout=60, limits=limits)
        await stack.enter_async_context(http)
        community = await world(http, resources, args.concurrency)
        warmup = await run_load(http, community, args.warmup, args.concurrency, seed=2)
        watch, stop = Watch(server.process.pid, worker.pid), asyncio.Event()
        watching = asyncio.create_task(watch.run(stop))
        busy_before = cpu_ticks()
        tally = await run_load(http, community, args.seconds, args.concurrency, seed=3)
        busy_after = cpu_ticks()
        stop.set()
        await watching
        watch.sample()  # the last sample is the end of the load
        caught = await caught_up(resources, args.catch_up_s)
        busy = (busy_after[0] - busy_before[0]) / (busy_after[1] - busy_before[1])
        return report(tally, warmup, watch, caught, busy, args)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=600.0)
    parser.add_argument("--warmup", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--profiles", type=int, default=1000, help="demo profiles to seed")
    parser.add_argument("--engine", choices=sorted(DEFAULT_SEARCH_URLS), default="elasticsearch")
    parser.add_argument("--prefix", default=f"{INDEX_PREFIX}-load")
    parser.add_argument("--catch-up-s", type=float, default=900.0)
    found = asyncio.run(main(parser.parse_args()))
    OUT.write_text(json.dumps(found, indent=2))
