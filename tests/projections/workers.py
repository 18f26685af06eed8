"""Real worker processes for the crash test: `python -m lumen.cli worker` with the test
settings and any extra environment."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from lumen.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def environment(settings: Settings, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "LUMEN_ENV": "test",
        "LUMEN_DATABASE_URL": settings.database_url,
        "LUMEN_REDIS_URL": settings.redis_url,
        "LUMEN_SEARCH_ENGINE": settings.search_engine,
        "LUMEN_SEARCH_URL": settings.search_url,
        "LUMEN_INDEX_PREFIX": settings.index_prefix,
        "LUMEN_LOG_LEVEL": "WARNING",
        # The default port is the local stack's worker's.
        "LUMEN_WORKER_METRICS_PORT": "0",
        **extra,
    }


def start_worker(settings: Settings, **extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "lumen.cli", "worker"],
        cwd=ROOT,
        env=environment(settings, **extra),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop_worker(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "lumen.cli", *args],
        cwd=ROOT,
        env=environment(settings),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
