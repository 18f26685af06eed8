"""A worker rides out a Redis outage: it restarts itself with backoff and comes back with
its heartbeat, and only a stop signal ends it."""

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import msgspec
import pytest
from arq.connections import RedisSettings
from arq.worker import Worker, create_worker

from lumen.resources import Resources
from lumen.settings import Settings
from lumen.workers.settings import WorkerSettings
from lumen.workers.supervisor import supervise
from tests.projections.workers import run_cli, start_worker, stop_worker


class Enough(Exception):
    pass


def test_a_worker_that_cannot_reach_redis_is_restarted_with_growing_delays() -> None:
    closed = RedisSettings(host="127.0.0.1", port=1, conn_retries=0)
    delays: list[float] = []

    def sleep(seconds: float) -> None:
        delays.append(seconds)
        if len(delays) == 6:
            raise Enough

    def make() -> Worker:
        return create_worker(WorkerSettings, redis_settings=closed, ctx={})  # type: ignore[arg-type]

    with pytest.raises(Enough):
        supervise(make, sleep=sleep)
    assert delays == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _redis_server(port: int) -> subprocess.Popen[bytes]:
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    server = subprocess.Popen(  # noqa: S603 - Debian's server binary, our arguments
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)


@pytest.fixture
def own_redis() -> Iterator[int]:
    # A Redis of this test's own, so stopping it touches no one else's.
    port = _free_port()
    server = _redis_server(port)
    yield port
    server.kill()
    server.wait()


def _wait_for_heartbeat(settings: Settings, worker: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while run_cli(settings, "worker", "--check").returncode != 0:
        assert worker.poll() is None, "the worker exited"
        assert time.monotonic() < deadline, "no heartbeat within 60 s"
        time.sleep(0.5)


def test_a_worker_comes_back_after_redis_restarts(
    settings: Settings, db: Resources, own_redis: int
) -> None:
    here = msgspec.structs.replace(settings, redis_url=f"redis://127.0.0.1:{own_redis}/0")
    worker = start_worker(here)
    try:
        _wait_for_heartbeat(here, worker)
        cli = shutil.which("redis-cli") or "/usr/bin/redis-cli"
        subprocess.run([cli, "-p", str(own_redis), "shutdown", "nosave"], check=False)  # noqa: S603
        time.sleep(3)
        assert worker.poll() is None, "the worker died with Redis"
        restarted = _redis_server(own_redis)
        try:
            _wait_for_heartbeat(here, worker)
        finally:
            restarted.kill()
            restarted.wait()
    finally:
        stop_worker(worker)
    # SIGTERM, and only that, ended it: cleanly.
    assert worker.returncode == 0
