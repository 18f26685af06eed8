"""Following and unfollowing inside the caller's transaction: idempotent, never oneself,
counters and events for both sides."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.auth.accounts import Account
from lumen.commands.errors import InvalidInput, NotFound
from lumen.commands.ownership import profile_id_of
from lumen.db.outbox import record
from lumen.db.profiles import Follow, Profile
from lumen.db.users import User

# Both sides of a follow or an unfollow record one of these.
Moved = (
    type[events.ProfileFollowed]
    | type[events.FollowerAdded]
    | type[events.ProfileUnfollowed]
    | type[events.FollowerRemoved]
)


async def _lock_both(session: AsyncSession, follower: uuid.UUID, followee: uuid.UUID) -> None:
    # Both counter rows first, in id order, before the follows row: its foreign keys take
    # KEY SHARE on the same rows, and asking for stronger locks after that is what made
    # concurrent followers of one profile deadlock. FOR NO KEY UPDATE is what the counter
    # UPDATE takes anyway.
    await session.execute(
        select(Profile.id)
        .where(Profile.id.in_([follower, followee]))
        .order_by(Profile.id)
        .with_for_update(key_share=True)
    )


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
    """Follows inside the caller's transaction; False when already following."""
    follower = await profile_id_of(session, account.uid)
    if follower == followee:
        raise InvalidInput("profile_id", "you cannot follow yourself")
    await _lock_both(session, follower, followee)
    # After the lock, so a profile deleted meanwhile is seen gone.
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
    await _lock_both(session, follower, followee)
    removed = await session.scalar(
        delete(Follow)
        .where(Follow.follower_id == follower, Follow.followee_id == followee)
        .returning(Follow.follower_id)
    )
    if removed is not None:
        await _move_counters(
            session, follower, followee, -1, (events.ProfileUnfollowed, events.FollowerRemoved)
        )
