"""One command's transaction: its handler opens it, makes one change, records the events
and commits; work for after the commit (jobs) waits until the commit has happened."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands.jobs import Job, Jobs
from lumen.db.engine import Sessions
from lumen.settings import Settings

T = TypeVar("T")


class Guard(Protocol):
    """What the boundary adds to a unit of work (an Idempotency-Key): a step right after
    the transaction opens and one right before it commits, inside the same transaction."""

    async def opened(self, session: AsyncSession) -> None: ...

    async def committing(self, session: AsyncSession, outcome: object) -> None: ...


class UnitOfWork:
    def __init__(
        self, sessions: Sessions, settings: Settings, jobs: Jobs, guard: Guard | None = None
    ) -> None:
        self.settings = settings
        self._sessions, self._jobs, self._guard = sessions, jobs, guard
        self._session: AsyncSession | None = None
        self._after: list[Job] = []
        # From the COMMIT on, a lost connection leaves the outcome unknown.
        self.committing = False

    async def __aenter__(self) -> AsyncSession:
        session = self._sessions()
        try:
            await session.begin()
            if self._guard is not None:
                await self._guard.opened(session)
        except BaseException:
            await session.close()
            raise
        self._session = session
        return session

    async def __aexit__(self, *exc: Any) -> None:
        # Anything not committed (an error, or a handler that found nothing to do) rolls back.
        if self._session is not None:
            await self._session.close()
            self._session = None

    def enqueue(self, job: Job) -> None:
        self._after.append(job)

    async def commit(self, outcome: T) -> T:
        """Commits the change and returns the command's outcome, stored with it when the
        boundary guards this unit of work."""
        if self._session is None:
            raise RuntimeError("commit outside the unit of work")
        if self._guard is not None:
            await self._guard.committing(self._session, outcome)
        self.committing = True
        await self._session.commit()
        for job in self._after:
            await self._jobs.enqueue(job)
        self._after.clear()
        return outcome
