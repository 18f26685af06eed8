"""Events grouped by what they change, for the read models' `handles` and `ignores`.

Spelled out one by one, never gathered from the event base classes: a new event then
belongs to no group and no read model, and the catalogue coverage test fails until each
read model has decided what it does with it."""

from __future__ import annotations

from lumen.events import (
    Event,
    FollowerAdded,
    FollowerRemoved,
    FollowRemoved,
    PhotoCreated,
    PhotoFailed,
    PhotoHidden,
    PhotoProcessed,
    PhotoUnhidden,
    PhotoUpdated,
    ProfileCreated,
    ProfileFollowed,
    ProfileUnfollowed,
    ProfileUpdated,
    UserDeleted,
    UserRegistered,
    UserSuspended,
    UserUnsuspended,
    UserUpdated,
)

Group = frozenset[type[Event]]

# The account's status and role, which every document of its profile shows or hides.
USER_CHANGES: Group = frozenset(
    {UserRegistered, UserUpdated, UserSuspended, UserUnsuspended, UserDeleted}
)
PROFILE_CHANGES: Group = frozenset({ProfileCreated, ProfileUpdated})
# Counters and their version (the profile's revision) move; so do the follower's followees.
FOLLOW_CHANGES: Group = frozenset(
    {ProfileFollowed, ProfileUnfollowed, FollowerAdded, FollowerRemoved, FollowRemoved}
)
# A photo's row changed; its deletion (a tombstone from the event alone) is apart.
PHOTO_CHANGES: Group = frozenset(
    {PhotoCreated, PhotoUpdated, PhotoProcessed, PhotoFailed, PhotoHidden, PhotoUnhidden}
)
