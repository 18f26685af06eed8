"""How much decoded-image memory one worker holds at once: each job reserves what its
header says the decode will take, waits its turn when the budget is spent, and fails
when it alone would need more than the whole budget."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from lumen.media.errors import TooLargeToDecodeError


class DecodeBudget:
    def __init__(self, total_bytes: int) -> None:
        self.total = total_bytes
        self._free = total_bytes
        # Admission is first come, first served, so a large image is never starved by a
        # stream of small ones that would each fit.
        self._next_ticket = 0
        self._serving = 0
        self._abandoned: set[int] = set()
        self._changed = asyncio.Condition()

    @property
    def free(self) -> int:
        return self._free

    @asynccontextmanager
    async def reserve(self, needed: int) -> AsyncIterator[None]:
        if needed > self.total:
            raise TooLargeToDecodeError
        async with self._changed:
            ticket, self._next_ticket = self._next_ticket, self._next_ticket + 1
            try:
                await self._changed.wait_for(
                    lambda: self._serving == ticket and self._free >= needed
                )
            except BaseException:
                # A waiter that gives up (a cancelled job) must not hold up the queue.
                self._abandoned.add(ticket)
                self._next_turn()
                raise
            self._free -= needed
            self._serving += 1
            self._next_turn()
        try:
            yield
        finally:
            async with self._changed:
                self._free += needed
                self._changed.notify_all()

    def _next_turn(self) -> None:
        while self._serving in self._abandoned:
            self._abandoned.remove(self._serving)
            self._serving += 1
        self._changed.notify_all()
