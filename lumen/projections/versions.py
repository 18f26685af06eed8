"""External document versions. Each is built from version counters that only grow, so a
document built from a later snapshot never carries a smaller version than one built from
an earlier snapshot, and equal versions mean the same state. The engine then keeps the
newest document whatever order the writes arrive in."""

from __future__ import annotations

# The following document is keyed by uid, which outlives a deleted profile: a user who
# deletes their profile and makes a new one starts a new profile counter at 1. The
# user's counter moved on in between, so it goes in the high bits and wins.
_USER_SHIFT = 32


def profile(profile_version: int, user_version: int) -> int:
    return profile_version + user_version


def following(profile_version: int, user_version: int) -> int:
    return (user_version << _USER_SHIFT) + profile_version


def photo(photo_version: int, profile_version: int, user_version: int) -> int:
    return photo_version + profile_version + user_version


def city(city_version: int) -> int:
    return city_version
