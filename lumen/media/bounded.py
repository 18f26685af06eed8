"""Processing an original within a worker's decode budget: the header says what the decode
will hold, the budget admits it when that much is free (or refuses a file that alone would
need more than all of it), and the pixels are worked on in a thread."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

from lumen.media.budget import DecodeBudget
from lumen.media.errors import TooLargeToDecodeError
from lumen.media.limits import Limits
from lumen.media.pipeline import ProcessedImage, decode_cost, process
from lumen.metrics.photos import DECODE_WAIT, PROCESSING

T = TypeVar("T")


async def process_within(
    budget: DecodeBudget, original: bytes | Path, limits: Limits
) -> ProcessedImage:
    """Raises MediaError for the file's own faults, TooLargeToDecodeError among them."""
    # Parsing a header is quick, but a damaged one can make a decoder work: not on the loop.
    cost = await asyncio.to_thread(decode_cost, original, limits)
    asked = time.perf_counter()
    async with budget.reserve(cost):
        started = time.perf_counter()
        DECODE_WAIT.observe(started - asked)
        try:
            with PROCESSING.time():
                return await _to_the_end(asyncio.to_thread(process, original, limits))
        except MemoryError:
            # Past the decode (which says so itself): this file needs more than there is,
            # and would again on every try.
            raise TooLargeToDecodeError from None


async def _to_the_end(work: Coroutine[Any, Any, T]) -> T:
    # A thread cannot be stopped: when the job is cancelled (its timeout, a shutdown) the
    # pixels stay alive until the thread ends, so the reservation must stay until then too.
    task = asyncio.ensure_future(work)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        await asyncio.wait([task])  # unlike awaiting the task, this never cancels it
        if not task.cancelled():
            task.exception()  # the job ends anyway; its error is not worth a warning
        raise
