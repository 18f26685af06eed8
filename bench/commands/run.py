"""Command latency and throughput against the floor measured in the same run: a bare
asyncpg transaction inserting the same photo row and outbox row.

    uv run python bench/commands/run.py [--requests 2000] [--concurrency 16]

Runs against its own database (lumen_bench_commands, created and migrated here).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable

import asyncpg

from bench.database import database, prepared
from lumen.auth.accounts import Account
from lumen.commands.boundary import Commands
from lumen.commands.photos.handlers import CreatePhoto, create_photo
from lumen.commands.photos.structs import PhotoIn
from lumen.commands.profiles.handlers import CreateProfile, create_profile
from lumen.commands.profiles.structs import ProfileIn
from lumen.db.users import User
from lumen.resources import Resources
from lumen.settings import load_settings
from lumen.workers.queue import commands_for

DB = "lumen_bench_commands"
ROUNDS = 3
DSN = f"postgresql://lumen:lumen@127.0.0.1:5432/{database(DB)}"
ACCOUNT = Account(uid="bench-owner", role="photographer", status="active", is_admin=False)
PHOTO = PhotoIn(title="Bench", caption="A benchmark photo", tags=["bench", "portrait"])
FLOOR_SQL = (
    "INSERT INTO photos (id, owner_id, title, caption, tags, visibility, status, moderation,"
    " exif, location_precision, variants, version, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, 'public', 'draft', 'visible', '{}', 'hidden', '[]', 1,"
    " now(), now())"
)
OUTBOX_SQL = (
    "INSERT INTO outbox (aggregate_type, aggregate_id, aggregate_version, event_type, payload,"
    " attempts) VALUES ('photo', $1, 1, 'PhotoCreated', $2, 0)"
)


async def prepare() -> tuple[Resources, Commands, uuid.UUID]:
    url = await prepared(DB)
    resources = Resources.open(load_settings({"LUMEN_DATABASE_URL": url, "LUMEN_ENV": "test"}))
    async with resources.sessions.begin() as session:
        await session.execute(__import__("sqlalchemy").text("TRUNCATE users, outbox CASCADE"))
        session.add(User(uid=ACCOUNT.uid, role="photographer", birth_date_encrypted=b"x"))
    commands = commands_for(resources)
    profile = await commands.run(
        create_profile, CreateProfile(account=ACCOUNT, profile=ProfileIn(display_name="Bench"))
    )
    return resources, commands, profile.id


async def measure(
    run: Callable[[], Awaitable[None]], requests: int, concurrency: int
) -> dict[str, float]:
    for _ in range(50):
        await run()  # warm-up: pools, prepared statements, caches
    latencies: list[float] = []
    for _ in range(requests):
        start = time.perf_counter()
        await run()
        latencies.append((time.perf_counter() - start) * 1000)
    queue = asyncio.Queue[int]()
    for i in range(requests):
        queue.put_nowait(i)

    async def worker() -> None:
        while not queue.empty():
            queue.get_nowait()
            await run()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "p50_ms": statistics.median(latencies),
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1],
        "throughput_per_s": requests / elapsed,
    }


def _best(rounds: list[dict[str, float]]) -> dict[str, float]:
    return {
        "p50_ms": min(r["p50_ms"] for r in rounds),
        "p99_ms": min(r["p99_ms"] for r in rounds),
        "throughput_per_s": max(r["throughput_per_s"] for r in rounds),
    }


async def main(requests: int, concurrency: int) -> None:
    resources, commands, owner = await prepare()
    pool = await asyncpg.create_pool(DSN, min_size=concurrency, max_size=concurrency)

    async def floor() -> None:
        photo_id = uuid.uuid4()
        async with pool.acquire() as conn, conn.transaction():
            await conn.execute(FLOOR_SQL, photo_id, owner, PHOTO.title, PHOTO.caption, PHOTO.tags)
            await conn.execute(OUTBOX_SQL, str(photo_id), json.dumps({"owner_id": str(owner)}))

    async def command() -> None:
        await commands.run(create_photo, CreatePhoto(account=ACCOUNT, photo=PHOTO))

    # Alternate the contenders so a burst of background load hits both, and keep each
    # one's best round.
    rounds = [
        (await measure(floor, requests, concurrency), await measure(command, requests, concurrency))
        for _ in range(ROUNDS)
    ]
    floor_stats = _best([r[0] for r in rounds])
    command_stats = _best([r[1] for r in rounds])
    await pool.close()
    await resources.close()
    print(
        json.dumps(
            {
                "floor": floor_stats,
                "command": command_stats,
                "ratios": {
                    "p50": command_stats["p50_ms"] / floor_stats["p50_ms"],
                    "p99": command_stats["p99_ms"] / floor_stats["p99_ms"],
                    "throughput": command_stats["throughput_per_s"]
                    / floor_stats["throughput_per_s"],
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    asyncio.run(main(args.requests, args.concurrency))
