"""A real worker's memory through 100 MP uploads: a one-colour 10,000 x 10,000 RGBA PNG,
one at a time and three at once from one owner, peak and settled RSS read from /proc.

    uv run python bench/media/worker_memory.py [--decode-memory-mb 1024] [--settle-s 5]

Runs against its own database (lumen_bench_memory, created and migrated here) and its own
index prefix and queue; LUMEN_REDIS_URL and LUMEN_SEARCH_URL as for Lumen itself.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
from PIL import Image
from sqlalchemy import select, text

from lumen.auth.accounts import Account
from lumen.commands.boundary import Commands
from lumen.commands.editor import Editor
from lumen.commands.photo_files.upload import receive_original
from lumen.commands.photos.handlers import CreatePhoto, create_photo
from lumen.commands.photos.structs import PhotoIn
from lumen.commands.profiles.handlers import CreateProfile, create_profile
from lumen.commands.profiles.structs import ProfileIn
from lumen.db.migrations import upgrade
from lumen.db.photos import Photo
from lumen.db.users import User
from lumen.resources import Resources
from lumen.settings import Settings, load_settings
from lumen.workers.queue import commands_for, queue_name

DB = "lumen_bench_memory"
ROOT = Path(__file__).resolve().parents[2]
OWNER = Account(uid="bench-memory", role="photographer", status="active", is_admin=False)
MiB = 1024 * 1024
COLOURS = [(200, 30, 30, 255), (30, 200, 30, 255), (30, 30, 200, 255)]


def one_colour_png(colour: tuple[int, int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (10_000, 10_000), colour).save(buffer, "PNG", compress_level=9)
    return buffer.getvalue()


def rss(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(field)


def reset_peak(pid: int) -> None:
    # "5" resets VmHWM to the current RSS (Linux 4.0+), so each scenario has its own peak.
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "lumen.cli", "worker"]
    return subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own CLI


async def until_beating(resources: Resources, settings: Settings) -> None:
    heartbeat = f"{queue_name(settings)}:health-check"
    for _ in range(600):
        if await resources.redis.exists(heartbeat):
            return
        await asyncio.sleep(0.2)
    raise TimeoutError("the worker wrote no heartbeat")


async def prepare(settings: Settings) -> tuple[Resources, Commands]:
    admin = await asyncpg.connect("postgresql://lumen:lumen@127.0.0.1:5432/lumen")
    if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", DB):
        await admin.execute(f'CREATE DATABASE "{DB}"')
    await admin.close()
    await asyncio.to_thread(upgrade, settings.database_url)
    resources = Resources.open(settings)
    async with resources.sessions.begin() as session:
        await session.execute(text("TRUNCATE users, outbox CASCADE"))
        session.add(User(uid=OWNER.uid, role="photographer", birth_date_encrypted=b"x"))
    commands = commands_for(resources)
    profile = ProfileIn(display_name="Bench memory")
    await commands.run(create_profile, CreateProfile(account=OWNER, profile=profile))
    return resources, commands


async def _chunks(data: bytes) -> AsyncIterator[bytes]:
    for start in range(0, len(data), MiB):
        yield data[start : start + MiB]


async def upload(commands: Commands, data: bytes) -> uuid.UUID:
    photo = await commands.run(create_photo, CreatePhoto(account=OWNER, photo=PhotoIn()))
    await receive_original(commands, Editor(account=OWNER), photo.id, _chunks(data))
    return photo.id


async def until_done(resources: Resources, photos: list[uuid.UUID], pid: int) -> int:
    """The largest RSS sampled while the photos process."""
    peak = 0
    while True:
        peak = max(peak, rss(pid))
        async with resources.sessions() as session:
            statuses = await session.scalars(select(Photo.status).where(Photo.id.in_(photos)))
            if all(status in {"ready", "failed"} for status in statuses):
                return peak
        await asyncio.sleep(0.02)


async def scenario(
    resources: Resources, commands: Commands, files: list[bytes], pid: int, settle_s: float
) -> dict[str, float]:
    before = rss(pid)
    reset_peak(pid)
    started = time.monotonic()
    photos = list(await asyncio.gather(*(upload(commands, data) for data in files)))
    sampled = await until_done(resources, photos, pid)
    took = time.monotonic() - started
    peak = max(sampled, rss(pid, "VmHWM"))
    await asyncio.sleep(settle_s)
    return {
        "photos": len(files),
        "before_mib": round(before / MiB),
        "peak_mib": round(peak / MiB),
        "settled_mib": round(rss(pid) / MiB),
        "seconds": round(took, 1),
    }


async def main(decode_memory_mb: int, settle_s: float) -> None:
    env = {
        **os.environ,
        "LUMEN_ENV": "test",
        "LUMEN_DATABASE_URL": f"postgresql+asyncpg://lumen:lumen@127.0.0.1:5432/{DB}",
        "LUMEN_INDEX_PREFIX": "lumen-bench-memory",
        "LUMEN_DECODE_MEMORY_MB": str(decode_memory_mb),
        "LUMEN_MEDIA_DIR": str(Path.home() / ".cache/lumen/bench-memory-media"),
        "LUMEN_LOG_LEVEL": "WARNING",
    }
    settings = load_settings(env)
    resources, commands = await prepare(settings)
    files = await asyncio.to_thread(lambda: [one_colour_png(c) for c in COLOURS])
    worker = await asyncio.to_thread(start_worker, env)
    try:
        await until_beating(resources, settings)
        await asyncio.sleep(settle_s)
        results = {
            "decode_memory_mb": decode_memory_mb,
            "baseline_mib": round(rss(worker.pid) / MiB),
            "file_bytes": len(files[0]),
            "one": await scenario(resources, commands, files[:1], worker.pid, settle_s),
            "three": await scenario(resources, commands, files, worker.pid, settle_s),
        }
    finally:
        worker.terminate()
        worker.wait()
        await resources.close()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--decode-memory-mb", type=int, default=1024)
    parser.add_argument("--settle-s", type=float, default=5.0)
    args = parser.parse_args()
    asyncio.run(main(args.decode_memory_mb, args.settle_s))
