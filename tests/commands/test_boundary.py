"""The command boundary: a unit of work that lost a race is run again on fresh reads, a
deadlock is retried, and retries that never succeed end as a 409 problem, not a 500."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select, update

from lumen.commands.boundary import ATTEMPTS, Commands, Handler
from lumen.commands.errors import Busy
from lumen.commands.unit_of_work import UnitOfWork
from lumen.db.profiles import Profile
from lumen.problems import problem_of
from lumen.resources import Resources
from lumen.workers.queue import commands_for
from tests.members import Caller

Register = Callable[..., Awaitable[Caller]]
Client = AsyncTestClient[Litestar]


class Rename(msgspec.Struct, frozen=True):
    profile_id: uuid.UUID
    name: str
    # Attempts in which another writer commits between this one's read and its write.
    raced: int


async def _profile(register: Register, client: Client) -> uuid.UUID:
    _, headers = await register()
    response = await client.post("/v1/profiles", json={"display_name": "B"}, headers=headers)
    return uuid.UUID(response.json()["id"])


def _racing_rename(db: Resources, runs: list[int]) -> Handler[Rename, int]:
    """A handler that reads without a lock, so a writer committing in between makes its
    versioned UPDATE match nothing (StaleDataError)."""

    async def rename(command: Rename, uow: UnitOfWork) -> int:
        runs.append(1)
        async with uow as session:
            profile = await session.get_one(Profile, command.profile_id)
            if len(runs) <= command.raced:
                async with db.sessions.begin() as other:
                    await other.execute(
                        update(Profile)
                        .where(Profile.id == command.profile_id)
                        .values(headline=f"other {len(runs)}", version=Profile.version + 1)
                    )
            profile.display_name = command.name
            await session.flush()
            return await uow.commit(profile.version)

    return rename


async def test_a_write_that_lost_a_race_is_applied_on_a_fresh_read(
    db: Resources, register: Register, client: Client
) -> None:
    profile_id = await _profile(register, client)
    runs: list[int] = []
    version = await commands_for(db).run(
        _racing_rename(db, runs), Rename(profile_id=profile_id, name="mine", raced=2)
    )
    assert (len(runs), version) == (3, 4)  # two raced writes, then this one on top
    async with db.sessions() as session:
        stored = await session.get_one(Profile, profile_id)
    assert (stored.display_name, stored.headline, stored.version) == ("mine", "other 2", 4)


async def test_retries_that_never_succeed_answer_busy(
    db: Resources, register: Register, client: Client
) -> None:
    profile_id = await _profile(register, client)
    runs: list[int] = []
    command = Rename(profile_id=profile_id, name="never", raced=ATTEMPTS)
    with pytest.raises(Busy) as refused:
        await commands_for(db).run(_racing_rename(db, runs), command)
    problem = problem_of(refused.value)
    assert (len(runs), problem.status, problem.slug) == (ATTEMPTS, 409, "busy")


class Touch(msgspec.Struct, frozen=True):
    first: uuid.UUID
    then: uuid.UUID


async def test_a_deadlock_is_retried_until_both_writers_succeed(
    db: Resources, register: Register, client: Client
) -> None:
    one, two = await _profile(register, client), await _profile(register, client)
    both_hold_one = asyncio.Barrier(2)
    runs: list[uuid.UUID] = []

    async def touch(command: Touch, uow: UnitOfWork) -> None:
        runs.append(command.first)
        async with uow as session:
            lock = select(Profile.id).with_for_update()
            await session.execute(lock.where(Profile.id == command.first))
            if len(runs) <= 2:  # the first two attempts cross on purpose
                await both_hold_one.wait()
            await session.execute(lock.where(Profile.id == command.then))
            await uow.commit(None)

    commands: Commands = commands_for(db)
    await asyncio.gather(
        commands.run(touch, Touch(first=one, then=two)),
        commands.run(touch, Touch(first=two, then=one)),
    )
    assert len(runs) == 3  # Postgres chose one victim; its rerun succeeded
