"""The progress bar every long operator command shows: position, rate and time left."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

# What a long operation reports as it goes: done so far, and the total as now known.
Progress = Callable[[int, int], None]


def _shown(rate: str | None) -> str | None:
    return rate


@contextmanager
def progress_bar(label: str, unit: str) -> Iterator[Progress]:
    started = time.monotonic()
    with click.progressbar(
        length=1,
        label=label,
        show_eta=True,
        show_pos=True,
        item_show_func=_shown,
        # Beside the result, which goes to stdout for a pipe or a script to read.
        file=sys.stderr,
    ) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = max(total, done, 1)
            rate = done / max(time.monotonic() - started, 1e-6)
            bar.update(done - bar.pos, f"{rate:,.0f} {unit}/s")

        yield progress
