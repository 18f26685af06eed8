"""A real worker's memory after 100 MP images: the decoded pixels go back to the system
once the photos are done, instead of staying with the process for good (without that, two
of them left a worker 1.7 GB above its baseline). The figures, peak and settled, one and
three at a time, are bench/media/worker_memory.py's."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from tests.live import Process
from tests.media.test_refusals import png_of_zeros
from tests.uploads.flow import Owner

NewOwner = Callable[[], Awaitable[Owner]]
MiB = 1024 * 1024
# The pixels alone are 400 MB; what stays afterwards is allocator slack and caches.
SETTLED_WITHIN = 250 * MiB
PROCESSING_S = 150


def rss(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(field)


async def _until_done(me: Owner, photo_id: str) -> None:
    deadline = time.monotonic() + PROCESSING_S
    while (photo := await me.photo(photo_id))["status"] == "processing":
        assert time.monotonic() < deadline, "not processed in time"
        await asyncio.sleep(0.2)
    assert photo["status"] == "ready", photo["failure_reason"]


async def test_worker_memory_returns_near_its_baseline_after_100_mp_images(
    client: AsyncTestClient[Litestar], db: Resources, live_worker: Process, owner: NewOwner
) -> None:
    me = await owner()
    photos = [await me.new_photo(), await me.new_photo()]
    # One colour (transparent black) each; two files rather than one.
    files = [
        await asyncio.to_thread(png_of_zeros, 10_000, 10_000),
        await asyncio.to_thread(png_of_zeros, 10_000, 9_999),
    ]
    await asyncio.sleep(2)  # past the worker's start-up work
    baseline = rss(live_worker.pid)
    for photo_id, file in zip(photos, files, strict=True):
        await me.uploaded(photo_id, file)
    for photo_id in photos:
        await _until_done(me, photo_id)
    # The image really was decoded in this process...
    assert rss(live_worker.pid, "VmHWM") > baseline + 400 * MiB
    await asyncio.sleep(3)
    # ...and its memory did not stay there.
    settled = rss(live_worker.pid)
    assert settled < baseline + SETTLED_WITHIN, (baseline // MiB, settled // MiB)
