"""Every benchmark, at sizes that finish in minutes on a laptop: `make bench`, or

    uv run --group bench python -m bench [--engine elasticsearch|opensearch|both] [--full]

Each benchmark runs in its own process (one's garbage and caches never weigh on the
next) and makes what it needs: its database (created and migrated), its corpus, its
indices. What each prints is also written to bench/results/NAME.txt; `--full` uses the
sizes bench/RESULTS.md reports, which take an hour or more.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
ENGINES = ("elasticsearch", "opensearch")


def _runs(engines: list[str], full: bool) -> list[tuple[str, list[str]]]:
    quick = not full
    runs = [
        ("commands", ["-m", "bench.commands.run", *(["--requests", "300"] if quick else [])]),
        ("media", ["bench/media/run.py", "--runs", "2" if quick else "7"]),
    ]
    for engine in engines:
        sizes = ["--profiles", "2000", "--lag-seconds", "10", "--write-rate", "20"]
        runs.append(
            (
                f"projections-{engine}",
                ["-m", "bench.projections.run", "--engine", engine, *(sizes if quick else [])],
            )
        )
        # Reads the corpus the projections benchmark just left (or seeds one of its own).
        light = ["--requests", "50", "--seconds", "2", "--profiles", "2000"]
        runs.append(
            (
                f"queries-{engine}",
                ["-m", "bench.queries.run", "--engine", engine, *(light if quick else [])],
            )
        )
    cost = ["--rounds", "2", "--seconds", "2", "--profiles", "2000"]
    runs.append(
        (
            f"metrics-cost-{engines[0]}",
            ["-m", "bench.queries.metrics_cost", "--engine", engines[0], *(cost if quick else [])],
        )
    )
    # Its own database and community, seeded once and kept.
    brief = ["--seconds", "60", "--warmup", "10", "--profiles", "100"]
    runs.append(
        (
            f"load-{engines[0]}",
            ["-m", "bench.load.run", "--engine", engines[0], *(brief if quick else [])],
        )
    )
    # Last: it replaces the corpus with each of its sizes in turn.
    small = ["--sizes", "1000,4000", "--requests", "50"]
    runs.append(
        (
            f"scale-{engines[0]}",
            ["-m", "bench.queries.scale", "--engine", engines[0], *(small if quick else [])],
        )
    )
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--engine", choices=[*ENGINES, "both"], default=ENGINES[0])
    parser.add_argument("--full", action="store_true", help="the sizes of bench/RESULTS.md")
    args = parser.parse_args()
    engines = list(ENGINES) if args.engine == "both" else [args.engine]
    RESULTS.mkdir(exist_ok=True)
    failed: list[str] = []
    written: list[str] = []
    for name, command in _runs(engines, args.full):
        out = RESULTS / f"{name}.txt"
        print(f"== {name}: python {' '.join(command)}", flush=True)
        started = time.monotonic()
        with out.open("w") as log:
            # Printed as it comes and kept: a long run shows its progress.
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and modules
                [sys.executable, *command],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            assert process.stdout is not None
            for line in process.stdout:
                sys.stdout.write(line)
                log.write(line)
            code = process.wait()
        took = time.monotonic() - started
        print(f"== {name}: {'ok' if code == 0 else f'failed ({code})'} in {took:.0f} s", flush=True)
        (failed if code else written).append(f"{name}: {out.relative_to(ROOT)}")
    print("\nResults:")
    for line in written:
        print(f"  {line}")
    for line in failed:
        print(f"  FAILED {line}")
    print("  bench/queries/last_run-<engine>.json: the query benchmark's figures as JSON")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
