"""Removing a profile: its photos go with it, the counters of everyone it followed or who
followed it move, and every affected document gets its event — in a bounded number of
statements however many photos and follows there are."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.commands.jobs import EraseFiles
from lumen.db.file_references import keys_of
from lumen.db.outbox import record
from lumen.db.photos import Photo
from lumen.db.profiles import Follow, Profile
from lumen.db.users import User


async def _adjust_counters(
    session: AsyncSession,
    counter: str,
    targets: Select[Any],
    kind: type[events.FollowerRemoved] | type[events.FollowRemoved],
) -> list[events.Event]:
    column = getattr(Profile, counter)
    rows = await session.execute(
        update(Profile)
        .where(Profile.id.in_(targets))
        .values({counter: column - 1, "counts_version": Profile.counts_version + 1})
        .returning(Profile.id, Profile.revision)
        .execution_options(synchronize_session=False)
    )
    return [kind(profile_id=pid, version=version) for pid, version in rows]


async def remove_profile(session: AsyncSession, profile: Profile) -> EraseFiles | None:
    """Returns the erasure of the removed photos' files, for after the commit."""
    user_version = (
        await session.scalar(select(User.version).where(User.uid == profile.user_uid)) or 0
    )
    photos = (
        await session.execute(
            select(Photo.id, Photo.version, Photo.original_key, Photo.variants).where(
                Photo.owner_id == profile.id
            )
        )
    ).all()
    followed = select(Follow.followee_id).where(Follow.follower_id == profile.id)
    followers = select(Follow.follower_id).where(Follow.followee_id == profile.id)
    changes = [
        *await _adjust_counters(session, "followers_count", followed, events.FollowerRemoved),
        *await _adjust_counters(session, "following_count", followers, events.FollowRemoved),
        # A deletion's version is one past the last, so its tombstone outranks every
        # document built before it; the owner's versions let photo tombstones do the same.
        *(
            events.PhotoDeleted(
                photo_id=pid,
                version=version + 1,
                owner_id=profile.id,
                owner_version=profile.revision,
                user_version=user_version,
            )
            for pid, version, _, _ in photos
        ),
        events.ProfileDeleted(
            profile_id=profile.id,
            version=profile.revision + 1,
            user_uid=profile.user_uid,
            user_version=user_version,
        ),
    ]
    await session.execute(delete(Profile).where(Profile.id == profile.id))
    await record(session, *changes)
    session.expunge(profile)
    erased = [key for _, _, original, variants in photos for key in keys_of(original, variants)]
    return EraseFiles(keys=tuple(erased)) if erased else None


async def remove_profile_of(session: AsyncSession, user_uid: str) -> EraseFiles | None:
    """Removes the user's profile, if any, inside the caller's transaction."""
    profile = await session.scalar(
        select(Profile).where(Profile.user_uid == user_uid).with_for_update(key_share=True)
    )
    return None if profile is None else await remove_profile(session, profile)
