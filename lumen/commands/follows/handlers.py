"""Follow commands, each with its handler."""

from __future__ import annotations

import uuid

import msgspec

from lumen.auth.accounts import Account
from lumen.commands.follows.changes import follow, unfollow
from lumen.commands.unit_of_work import UnitOfWork


class FollowProfile(msgspec.Struct, frozen=True, kw_only=True):
    account: Account
    profile_id: uuid.UUID


class UnfollowProfile(FollowProfile, frozen=True, kw_only=True):
    pass


async def follow_profile(command: FollowProfile, uow: UnitOfWork) -> bool:
    async with uow as session:
        return await uow.commit(await follow(session, command.account, command.profile_id))


async def unfollow_profile(command: UnfollowProfile, uow: UnitOfWork) -> None:
    async with uow as session:
        await unfollow(session, command.account, command.profile_id)
        await uow.commit(None)
