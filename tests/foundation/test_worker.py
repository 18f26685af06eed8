"""A real worker process writes its heartbeat, and `lumen worker --check` reads it."""

import time

from lumen.resources import Resources
from lumen.settings import Settings
from tests.projections.workers import run_cli, start_worker, stop_worker


def _check(settings: Settings) -> int:
    return run_cli(settings, "worker", "--check").returncode


def test_worker_check_follows_a_running_workers_heartbeat(
    settings: Settings, db: Resources
) -> None:
    assert _check(settings) == 1
    worker = start_worker(settings)
    try:
        deadline = time.monotonic() + 60
        while _check(settings) != 0:
            assert worker.poll() is None, "the worker exited"
            assert time.monotonic() < deadline, "no heartbeat within 60 s"
            time.sleep(0.5)
    finally:
        stop_worker(worker)
    # arq removes the heartbeat on a clean shutdown.
    assert _check(settings) == 1
