"""Follow and unfollow: idempotent, never oneself, counters and events for both sides."""

from __future__ import annotations

import uuid
from typing import Annotated

import msgspec
from litestar import Controller, Response, delete, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter
from sqlalchemy import delete as sql_delete
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.auth.accounts import Account
from lumen.commands.errors import InvalidInput, NotFound
from lumen.commands.ownership import profile_id_of
from lumen.db.outbox import record
from lumen.db.profiles import Follow, Profile
from lumen.db.users import User
from lumen.resources import Resources

# Both sides of a follow or an unfollow record one of these.
Moved = (
    type[events.ProfileFollowed]
    | type[events.FollowerAdded]
    | type[events.ProfileUnfollowed]
    | type[events.FollowerRemoved]
)


class FollowIn(msgspec.Struct, forbid_unknown_fields=True):
    profile_id: uuid.UUID


class FollowOut(msgspec.Struct):
    profile_id: uuid.UUID
    following: bool


async def _followable(session: AsyncSession, profile_id: uuid.UUID) -> None:
    row = (
        await session.execute(
            select(Profile.visibility, User.status)
            .join(User, User.uid == Profile.user_uid)
            .where(Profile.id == profile_id)
        )
    ).first()
    # A private or suspended profile answers as if it did not exist.
    if row is None or row.visibility == "private" or row.status != "active":
        raise NotFound(f"No profile {profile_id} to follow.")


async def _move_counters(
    session: AsyncSession,
    follower: uuid.UUID,
    followee: uuid.UUID,
    step: int,
    kinds: tuple[Moved, Moved],
) -> None:
    # Lock both rows in id order, so two people following each other cannot deadlock.
    await session.execute(
        select(Profile.id)
        .where(Profile.id.in_([follower, followee]))
        .order_by(Profile.id)
        .with_for_update()
    )
    for profile_id, counter, kind in (
        (follower, Profile.following_count, kinds[0]),
        (followee, Profile.followers_count, kinds[1]),
    ):
        version = await session.scalar(
            update(Profile)
            .where(Profile.id == profile_id)
            .values({counter: counter + step, Profile.counts_version: Profile.counts_version + 1})
            .returning(Profile.revision)
            .execution_options(synchronize_session=False)
        )
        other = followee if profile_id == follower else follower
        await record(
            session, kind(profile_id=profile_id, version=int(version or 0), other_id=other)
        )


async def follow(session: AsyncSession, account: Account, followee: uuid.UUID) -> bool:
    follower = await profile_id_of(session, account.uid)
    if follower == followee:
        raise InvalidInput("profile_id", "you cannot follow yourself")
    await _followable(session, followee)
    created = await session.scalar(
        insert(Follow)
        .values(follower_id=follower, followee_id=followee)
        .on_conflict_do_nothing()
        .returning(Follow.follower_id)
    )
    if created is not None:
        await _move_counters(
            session, follower, followee, 1, (events.ProfileFollowed, events.FollowerAdded)
        )
    return created is not None


async def unfollow(session: AsyncSession, account: Account, followee: uuid.UUID) -> None:
    follower = await profile_id_of(session, account.uid)
    removed = await session.scalar(
        sql_delete(Follow)
        .where(Follow.follower_id == follower, Follow.followee_id == followee)
        .returning(Follow.follower_id)
    )
    if removed is not None:
        await _move_counters(
            session, follower, followee, -1, (events.ProfileUnfollowed, events.FollowerRemoved)
        )


class FollowController(Controller):
    path = "/v1/follows"
    tags = ["follows"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post("/", operation_id="follow")
    async def create(
        self,
        data: JSONBody[FollowIn],
        account: NamedDependency[Account],
        resources: NamedDependency[Resources],
    ) -> Response[FollowOut]:
        async with resources.sessions.begin() as session:
            created = await follow(session, account, data.profile_id)
        return Response(FollowOut(data.profile_id, True), status_code=201 if created else 200)

    @delete("/{profile_id:uuid}", operation_id="unfollow", status_code=204)
    async def remove(
        self,
        profile_id: Annotated[uuid.UUID, PathParameter(description="Whom to stop following")],
        account: NamedDependency[Account],
        resources: NamedDependency[Resources],
    ) -> None:
        async with resources.sessions.begin() as session:
            await unfollow(session, account, profile_id)
