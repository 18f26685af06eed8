"""Projection benchmark: the projector and a rebuild against the client's own bulk helper
writing the same documents in the same run, and write-to-searchable lag under a steady
write load.

    uv run python -m bench.projections.run [--engine elasticsearch|opensearch]
        [--profiles 100000] [--photos-per-profile 5]

Uses its own database (lumen_bench, created and migrated here), Redis database 12 and
index prefix lumen-bench (see bench.database for running beside others), on the engine
named (the local stack's node for it).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import time
from typing import Any

import asyncpg

from bench.database import INDEX_PREFIX, REDIS_URL, prepared, url
from bench.projections.corpus import seed
from bench.projections.lag import measure_lag
from lumen.projections.backfill import documents
from lumen.projections.indices import layout
from lumen.projections.projector import drain
from lumen.projections.rebuild import rebuild
from lumen.projections.registry import read_model
from lumen.projections.schema import ensure_indices, index_body, tuned_settings
from lumen.projections.writes import action
from lumen.resources import Resources
from lumen.settings import Settings, load_settings
from lumen.workers.wakeup import asyncpg_dsn

DB = "lumen_bench"
LIVE = ("profiles", "following", "photos")
ENGINES = ("elasticsearch", "opensearch")


def bench_env(engine: str) -> dict[str, str]:
    """The settings of every process of the benchmark, the lag's worker among them."""
    return {
        "LUMEN_ENV": "test",
        "LUMEN_DATABASE_URL": f"{url(DB)}?ssl=disable",
        "LUMEN_REDIS_URL": REDIS_URL,
        "LUMEN_SEARCH_ENGINE": engine,
        "LUMEN_INDEX_PREFIX": INDEX_PREFIX,
        "LUMEN_LOG_LEVEL": "WARNING",
    }


def bench_settings(engine: str) -> Settings:
    return load_settings(bench_env(engine))


async def fresh_indices(res: Resources) -> None:
    now = await layout(res.search, res.settings)
    for name, versions in now.versions.items():
        for version in versions:
            await res.search.delete_index(f"{res.settings.index_prefix}-{name}-v{version}")
    await res.search.delete_index(_raw_index(res))
    await ensure_indices(res.search, res.settings)


def _raw_index(res: Resources) -> str:
    return f"{res.settings.index_prefix}-rawload-photos"


async def _indexed(res: Resources) -> int:
    await res.search.refresh(f"{res.settings.index_prefix}-*")
    total = 0
    for name in LIVE:
        total += await res.search.count(f"{res.settings.index_prefix}-{name}", {"match_all": {}})
    return total


async def projector_rate(res: Resources, workers: int) -> dict[str, float]:
    await fresh_indices(res)
    started = time.perf_counter()

    async def worker() -> None:
        # The worker's own job, repeated as its wake-ups would repeat it.
        while await drain(res):
            pass

    await asyncio.gather(*(worker() for _ in range(workers)))
    elapsed = time.perf_counter() - started
    docs = await _indexed(res)
    return {"documents": docs, "seconds": elapsed, "docs_per_s": docs / elapsed}


async def all_actions(
    res: Resources, names: tuple[str, ...], index_of: dict[str, str]
) -> list[dict[str, Any]]:
    actions = []
    for name in names:
        async for page in documents(res.sessions, read_model(name), 2000):
            actions.extend(action(d, index_of[name]) for d in page)
    return actions


async def raw_rate(res: Resources, actions: list[dict[str, Any]]) -> dict[str, float]:
    started = time.perf_counter()
    ok = await res.search.load(actions, chunk=500)
    elapsed = time.perf_counter() - started
    return {"documents": ok, "seconds": elapsed, "docs_per_s": ok / elapsed}


async def rebuild_vs_raw(res: Resources, photo_actions: list[dict[str, Any]]) -> dict[str, Any]:
    started = time.perf_counter()
    rebuilt = await rebuild(res, "photos", grace_s=0)
    elapsed = time.perf_counter() - started
    raw = _raw_index(res)
    await res.search.create_index(raw, index_body(res.settings, "photos", loading=True))
    retargeted = [{**a, "_index": raw} for a in photo_actions]
    started = time.perf_counter()
    ok = await res.search.load(retargeted, chunk=500)
    await res.search.put_settings(raw, {"index": tuned_settings(res.settings, loading=False)})
    await res.search.refresh(raw)
    raw_elapsed = time.perf_counter() - started
    await res.search.delete_index(raw)
    return {
        "rebuild": {
            "documents": rebuilt.documents,
            "seconds": elapsed,
            "docs_per_s": rebuilt.documents / elapsed,
        },
        "raw": {"documents": ok, "seconds": raw_elapsed, "docs_per_s": ok / raw_elapsed},
    }


def machine() -> dict[str, Any]:
    with open("/proc/cpuinfo") as info:
        models = {line.split(":", 1)[1].strip() for line in info if line.startswith("model name")}
    with open("/proc/meminfo") as info:
        ram_kib = int(next(line for line in info if line.startswith("MemTotal")).split()[1])
    return {
        "nproc": os.cpu_count(),
        "cpu": sorted(models),
        "ram_gib": round(ram_kib / 2**20, 1),
        "python": platform.python_version(),
    }


async def load_corpus(
    res: Resources, profiles: int, photos_per_profile: int, photo_events: bool
) -> float:
    """Seeds the corpus in the benchmark's database; returns the seconds it took."""
    await prepared(DB)
    await res.redis.flushdb()
    conn = await asyncpg.connect(asyncpg_dsn(res.settings.database_url))
    started = time.perf_counter()
    try:
        await seed(conn, profiles, photos_per_profile, photo_events)
    finally:
        await conn.close()
    return time.perf_counter() - started


async def ensure_corpus(engine: str, profiles: int, photos_per_profile: int = 5) -> None:
    """The projected corpus the query benchmark reads, made here when the engine has none."""
    res = Resources.open(bench_settings(engine))
    try:
        alias = f"{res.settings.index_prefix}-profiles"
        if await res.search.get(alias, "00000000-0000-0000-0000-000000000001") is not None:
            return
        print(f"no corpus on {engine}: seeding {profiles} profiles and projecting them")
        await project_corpus(res, profiles, photos_per_profile)
    finally:
        await res.close()


async def project_corpus(res: Resources, profiles: int, photos_per_profile: int) -> None:
    """A fresh corpus of that size, seeded and projected into fresh indices."""
    await load_corpus(res, profiles, photos_per_profile, photo_events=False)
    await fresh_indices(res)
    while await drain(res):
        pass
    await res.search.refresh(f"{res.settings.index_prefix}-*")


async def main(args: argparse.Namespace) -> None:
    settings = bench_settings(args.engine)
    res = Resources.open(settings)
    results: dict[str, Any] = {"machine": machine(), "corpus": vars(args)}
    try:
        results["seed_s"] = await load_corpus(
            res, args.profiles, args.photos_per_profile, args.photo_events
        )
        results["projector"] = await projector_rate(res, args.workers)
        print(json.dumps(results, indent=1), flush=True)
        prefix = res.settings.index_prefix
        index_of = {n: (await layout(res.search, res.settings)).readers[n] for n in LIVE}
        actions = await all_actions(res, LIVE, index_of)
        # The baseline's prebuilt documents (millions of objects) are left out of the
        # cyclic collector's full passes, which otherwise tax every allocation of the
        # rebuild measured after it; a real rebuild runs in a process holding none.
        gc.freeze()
        await fresh_indices(res)
        results["raw_bulk"] = await raw_rate(res, actions)
        results["projector_vs_raw"] = (
            results["projector"]["docs_per_s"] / results["raw_bulk"]["docs_per_s"]
        )
        print(json.dumps(results, indent=1), flush=True)
        photos = [a for a in actions if a["_index"].startswith(f"{prefix}-photos")]
        del actions
        results["rebuild"] = await rebuild_vs_raw(res, photos)
        r = results["rebuild"]
        results["rebuild_vs_raw"] = r["rebuild"]["docs_per_s"] / r["raw"]["docs_per_s"]
        print(json.dumps(results, indent=1), flush=True)
        env = bench_env(args.engine)
        results["lag"] = await measure_lag(res, env, args.lag_seconds, args.write_rate)
    finally:
        await res.close()
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=ENGINES, default=ENGINES[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--photos-per-profile", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1, help="concurrent drains")
    parser.add_argument(
        "--photo-events", action="store_true", help="also one pending event per photo"
    )
    parser.add_argument("--lag-seconds", type=float, default=30)
    parser.add_argument("--write-rate", type=float, default=50, help="profile edits per second")
    asyncio.run(main(parser.parse_args()))
