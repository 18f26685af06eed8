"""The event catalogue: every domain event Lumen records, as a typed struct.

An event names its aggregate (the `key` field), the aggregate's version after the change,
and a typed payload. The outbox stores the struct's tag as `event_type`, the key as
`aggregate_id` and the rest as the JSON payload; `decode` turns a stored row back into the
struct, and anything that does not decode is a `BadEvent` for the consumer to dead-letter.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, ClassVar

import msgspec

Version = Annotated[int, msgspec.Meta(ge=0)]


class Event(msgspec.Struct, frozen=True, kw_only=True, tag_field="type", tag=True):
    aggregate: ClassVar[str]
    # The payload field that holds the aggregate's id (stored as `aggregate_id`).
    key: ClassVar[str]
    version: Version

    @classmethod
    def name(cls) -> str:
        return cls.__name__

    @property
    def aggregate_id(self) -> str:
        return str(getattr(self, self.key))

    def payload(self) -> dict[str, Any]:
        fields = msgspec.to_builtins(self)
        for envelope in ("type", "version", self.key):
            fields.pop(envelope)
        return fields  # type: ignore[no-any-return]


# --- users -------------------------------------------------------------------------------


class UserEvent(Event, frozen=True, kw_only=True):
    aggregate = "user"
    key = "uid"
    uid: Annotated[str, msgspec.Meta(min_length=1, max_length=128)]


class UserRegistered(UserEvent, frozen=True, kw_only=True):
    role: str


class UserUpdated(UserEvent, frozen=True, kw_only=True):
    # Names of the fields that changed, never their values (birth dates stay out of events).
    changed: list[str] = msgspec.field(default_factory=list)


class UserSuspended(UserEvent, frozen=True, kw_only=True):
    moderation_action_id: int


class UserUnsuspended(UserEvent, frozen=True, kw_only=True):
    moderation_action_id: int


class UserDeleted(UserEvent, frozen=True, kw_only=True):
    pass


# --- profiles ----------------------------------------------------------------------------


class ProfileEvent(Event, frozen=True, kw_only=True):
    aggregate = "profile"
    key = "profile_id"
    profile_id: uuid.UUID


class ProfileCreated(ProfileEvent, frozen=True, kw_only=True):
    user_uid: str


class ProfileUpdated(ProfileEvent, frozen=True, kw_only=True):
    user_uid: str


class ProfileDeleted(ProfileEvent, frozen=True, kw_only=True):
    user_uid: str
    # The owner's user version, so the following tombstone outranks every document.
    user_version: Version


class ProfileFollowed(ProfileEvent, frozen=True, kw_only=True):
    """This profile started following `other_id`."""

    other_id: uuid.UUID


class ProfileUnfollowed(ProfileEvent, frozen=True, kw_only=True):
    """This profile stopped following `other_id`."""

    other_id: uuid.UUID


class FollowerAdded(ProfileEvent, frozen=True, kw_only=True):
    """`other_id` started following this profile."""

    other_id: uuid.UUID


class FollowerRemoved(ProfileEvent, frozen=True, kw_only=True):
    """A follower stopped following this profile, or was deleted (then no `other_id`)."""

    other_id: uuid.UUID | None = None


class FollowRemoved(ProfileEvent, frozen=True, kw_only=True):
    """A profile this one followed was deleted, and the follow with it."""


class ProfileHidden(ProfileEvent, frozen=True, kw_only=True):
    """Held out of view pending review of its reports (a protective hide)."""

    moderation_action_id: int


class ProfileUnhidden(ProfileEvent, frozen=True, kw_only=True):
    """The hold was lifted when its reports were resolved."""

    moderation_action_id: int


# --- photos ------------------------------------------------------------------------------


class PhotoEvent(Event, frozen=True, kw_only=True):
    aggregate = "photo"
    key = "photo_id"
    photo_id: uuid.UUID


class PhotoCreated(PhotoEvent, frozen=True, kw_only=True):
    owner_id: uuid.UUID


class PhotoUpdated(PhotoEvent, frozen=True, kw_only=True):
    owner_id: uuid.UUID


class PhotoUploaded(PhotoEvent, frozen=True, kw_only=True):
    owner_id: uuid.UUID
    media_type: str
    size: Annotated[int, msgspec.Meta(ge=0)]


class PhotoProcessed(PhotoEvent, frozen=True, kw_only=True):
    owner_id: uuid.UUID


class PhotoFailed(PhotoEvent, frozen=True, kw_only=True):
    owner_id: uuid.UUID


class PhotoHidden(PhotoEvent, frozen=True, kw_only=True):
    moderation_action_id: int


class PhotoUnhidden(PhotoEvent, frozen=True, kw_only=True):
    moderation_action_id: int


class PhotoDeleted(PhotoEvent, frozen=True, kw_only=True):
    owner_id: uuid.UUID
    # The owner's versions at deletion, so the tombstone outranks every photo document.
    owner_version: Version
    user_version: Version


# --- reports -----------------------------------------------------------------------------


class ReportEvent(Event, frozen=True, kw_only=True):
    aggregate = "report"
    key = "report_id"
    report_id: uuid.UUID


class ReportFiled(ReportEvent, frozen=True, kw_only=True):
    # Never the reporter: whoever consumes this must not be able to tell the reported.
    target_kind: str
    target_id: uuid.UUID
    category: str


class ReportResolved(ReportEvent, frozen=True, kw_only=True):
    """An admin resolved the report's group; `state` is dismissed or actioned."""

    state: str
    moderation_action_id: int


# --- cities ------------------------------------------------------------------------------


class CityEvent(Event, frozen=True, kw_only=True):
    aggregate = "city"
    key = "city_id"
    city_id: Annotated[int, msgspec.Meta(ge=0, le=2**31 - 1)]


class CitySeeded(CityEvent, frozen=True, kw_only=True):
    pass


AnyEvent = (
    UserRegistered
    | UserUpdated
    | UserSuspended
    | UserUnsuspended
    | UserDeleted
    | ProfileCreated
    | ProfileUpdated
    | ProfileDeleted
    | ProfileFollowed
    | ProfileUnfollowed
    | FollowerAdded
    | FollowerRemoved
    | FollowRemoved
    | ProfileHidden
    | ProfileUnhidden
    | PhotoCreated
    | PhotoUpdated
    | PhotoUploaded
    | PhotoProcessed
    | PhotoFailed
    | PhotoHidden
    | PhotoUnhidden
    | PhotoDeleted
    | ReportFiled
    | ReportResolved
    | CitySeeded
)

CATALOGUE: dict[str, type[Event]] = {kind.name(): kind for kind in AnyEvent.__args__}


class BadEvent(ValueError):
    """A stored event that is unknown or does not decode; never silently acknowledged."""


def decode(
    aggregate_type: str, aggregate_id: str, version: int, event_type: str, payload: object
) -> Event:
    kind = CATALOGUE.get(event_type)
    if kind is None:
        raise BadEvent(f"unknown event type {event_type!r}")
    if kind.aggregate != aggregate_type:
        raise BadEvent(f"{event_type} belongs to {kind.aggregate}, not {aggregate_type!r}")
    if not isinstance(payload, dict):
        raise BadEvent(f"{event_type}: the payload is not an object")
    fields = {**payload, "version": version, kind.key: aggregate_id}
    try:
        return msgspec.convert(fields, kind, strict=False)
    except msgspec.ValidationError as exc:
        raise BadEvent(f"{event_type}: {exc}") from exc
