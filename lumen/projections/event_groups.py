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
    ProfileHidden,
    ProfileUnfollowed,
    ProfileUnhidden,
    ProfileUpdated,
    ReportFiled,
    ReportResolved,
    UserDeleted,
    UserRegistered,
    UserSuspended,
    UserUnsuspended,
    UserUpdated,
)

Group = frozenset[type[Event]]

# What changes a profile or its account, and so every document of its owner: the
# account's status and role, the profile's fields, the follow counters (the profile's
# revision) and the followees.
OWNER_CHANGES: Group = frozenset(
    {
        *(UserRegistered, UserUpdated, UserSuspended, UserUnsuspended, UserDeleted),
        *(ProfileCreated, ProfileUpdated, ProfileHidden, ProfileUnhidden),
        *(ProfileFollowed, ProfileUnfollowed, FollowerAdded, FollowerRemoved, FollowRemoved),
    }
)
# A photo's row changed; its deletion (a tombstone from the event alone) is apart.
PHOTO_CHANGES: Group = frozenset(
    {PhotoCreated, PhotoUpdated, PhotoProcessed, PhotoFailed, PhotoHidden, PhotoUnhidden}
)
# Reports are private, read from Postgres: no index holds them. A report's effects (a
# hold, a hide, a suspension) record events of their own.
REPORT_CHANGES: Group = frozenset({ReportFiled, ReportResolved})
