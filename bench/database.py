"""Each benchmark's own database, created when missing and migrated, so a benchmark runs
on a machine that has only the local stack; and the names a benchmark's data goes under.

On a machine several people benchmark on at once, LUMEN_BENCH_SUFFIX (e.g. `_alice`) is
appended to every database name and the index prefix, and LUMEN_BENCH_REDIS_URL moves
the Redis database, so that no two runs empty each other's data.
"""

from __future__ import annotations

import asyncio
import os

import asyncpg

from lumen.db.migrations import upgrade

SERVER = "lumen:lumen@127.0.0.1:5432"
SUFFIX = os.environ.get("LUMEN_BENCH_SUFFIX", "")
INDEX_PREFIX = "lumen-bench" + SUFFIX.replace("_", "-")
REDIS_URL = os.environ.get("LUMEN_BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")


def database(name: str) -> str:
    return name + SUFFIX


def url(name: str) -> str:
    return f"postgresql+asyncpg://{SERVER}/{database(name)}"


async def prepared(name: str) -> str:
    """The SQLAlchemy URL of database `name` (suffixed), now there at the latest revision."""
    name = database(name)
    # Any database the stack creates will do to create another; `lumen` always exists.
    admin = await asyncpg.connect(f"postgresql://{SERVER}/lumen")
    try:
        if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    found = f"postgresql+asyncpg://{SERVER}/{name}"
    await asyncio.to_thread(upgrade, found)
    return found
