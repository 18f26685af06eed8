"""What the machine was doing while the load ran: the processes' resident memory, the
cores' busy share and the load average, all read from /proc."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from pathlib import Path

from bench.connections.probe import rss_mib


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    total = sum(values[:8])  # without guest time, which user time already counts
    return total - idle, total


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def memory_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    raise LookupError("MemTotal")


def describe() -> str:
    return f"{os.cpu_count()} CPUs (`nproc`), {memory_gib():.1f} GiB RAM"


@dataclass
class Watch:
    """RSS of the API and the worker (each with its child processes) every `every_s`."""

    api_pid: int
    worker_pid: int
    every_s: float = 10.0
    samples: list[tuple[float, float]] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)

    def sample(self) -> tuple[float, float]:
        taken = (rss_mib(self.api_pid), rss_mib(self.worker_pid))
        self.samples.append(taken)
        self.loads.append(load_average())
        return taken

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.sample()
            try:
                await asyncio.wait_for(stop.wait(), self.every_s)
            except TimeoutError:
                continue
