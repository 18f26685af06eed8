"""Lumen as real processes for the tests that need real concurrency: `lumen serve` (Granian)
on a free loopback port and, where a test asks for it, `lumen worker`, both under the test
settings. The in-process test client hands the app one request at a time, which hides every
race between requests; these do not.

    async def test_x(live_server: LiveServer) -> None:
        async with live_server.client() as http:
            await asyncio.gather(*(http.patch(...) for _ in range(10)))

`live_worker` adds a worker over the test queue for the duration of one test."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from lumen.resources import Resources
from lumen.settings import Settings
from lumen.workers.queue import queue_name
from tests.conftest import TEST_ENV
from tests.observed import observe

# Generous: importing Lumen takes seconds, and much longer on a loaded machine.
STARTUP_S = 120.0
STOP_S = 15.0


@dataclass
class LiveServer:
    url: str
    process: Process

    def client(self) -> httpx.AsyncClient:
        # Enough connections that every request of a burst is in flight at once.
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
        return observe(httpx.AsyncClient(base_url=self.url, timeout=60, limits=limits))


async def create_profile(http: httpx.AsyncClient, headers: dict[str, str]) -> str:
    """A profile for a registered caller, made through the live API; its id."""
    created = await http.post("/v1/profiles", json={"display_name": "Live"}, headers=headers)
    assert created.status_code == 201, created.text
    profile_id: str = created.json()["id"]
    return profile_id


class Process:
    """A `lumen` subcommand with the test settings, its output kept in a log file."""

    def __init__(
        self, settings: Settings, log: Path, *args: str, env: dict[str, str] | None = None
    ) -> None:
        env = {
            **os.environ,
            **TEST_ENV,
            "LUMEN_MEDIA_DIR": str(settings.media_dir),
            **(env or {}),
        }
        self.log = log
        with log.open("wb") as out:
            self._process = subprocess.Popen(  # noqa: S603 - our own interpreter and CLI
                [sys.executable, "-m", "lumen.cli", *args],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def returncode(self) -> int | None:
        return self._process.returncode

    def check_running(self) -> None:
        if self._process.poll() is not None:
            output = self.log.read_text(errors="replace")[-4000:]
            raise RuntimeError(f"lumen exited with {self._process.returncode}:\n{output}")

    async def stop(self) -> None:
        # SIGINT: Granian and arq both shut down gracefully on it.
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGINT)
        try:
            await asyncio.to_thread(self._process.wait, STOP_S)
        except subprocess.TimeoutExpired:
            self._process.kill()
            await asyncio.to_thread(self._process.wait)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def _until(ready: Callable[[], Awaitable[bool]], process: Process, what: str) -> None:
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        process.check_running()
        if await ready():
            return
        await asyncio.sleep(0.1)
    raise TimeoutError(f"{what} not ready after {STARTUP_S:.0f} s; see {process.log}")


@asynccontextmanager
async def serving(
    settings: Settings, log: Path, workers: int = 1, **env: str
) -> AsyncIterator[LiveServer]:
    """`lumen serve` on a free port, with these settings on top of the test ones."""
    port = free_port()
    args = ("serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers))
    server = LiveServer(f"http://127.0.0.1:{port}", Process(settings, log, *args, env=env))

    async def ready() -> bool:
        try:
            async with httpx.AsyncClient(base_url=server.url, timeout=5) as http:
                return (await http.get("/health/ready")).status_code == 200
        except httpx.TransportError:
            return False

    try:
        await _until(ready, server.process, "the API")
        yield server
    finally:
        await server.process.stop()


@pytest.fixture(scope="session")
async def live_server(
    settings: Settings, resources: Resources, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[LiveServer]:
    """One API process for the session (it keeps no state of its own between tests)."""
    async with serving(settings, tmp_path_factory.mktemp("live") / "server.log") as server:
        yield server


@asynccontextmanager
async def working(
    settings: Settings, db: Resources, log: Path, **env: str
) -> AsyncIterator[Process]:
    """`lumen worker`, with these settings on top of the test ones, ready once its first
    heartbeat is written."""
    process = Process(settings, log, "worker", env=env)
    heartbeat = f"{queue_name(settings)}:health-check"

    async def ready() -> bool:
        return bool(await db.redis.exists(heartbeat))

    try:
        await _until(ready, process, "the worker")
        yield process
    finally:
        await process.stop()


@pytest.fixture
async def live_worker(settings: Settings, db: Resources, tmp_path: Path) -> AsyncIterator[Process]:
    """A `lumen worker` process for one test."""
    async with working(settings, db, tmp_path / "worker.log") as process:
        yield process
