"""The current rows behind a set of documents, in a fixed number of queries however
many documents there are: one per table group, each with an array of ids."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from lumen.db.cities import City
from lumen.db.photos import Photo
from lumen.db.profiles import Follow, Profile, ProfileSpecialty, Specialty
from lumen.projections.documents import SourceRow
from lumen.projections.source_queries import CITIES, PHOTOS, PROFILES, in_, rows


@dataclass(slots=True)
class Wanted:
    """Ids whose rows a batch needs. `owners`/`owner_uids` pull in all their photos."""

    users: set[str] = field(default_factory=set)
    owners: set[uuid.UUID] = field(default_factory=set)
    owner_uids: set[str] = field(default_factory=set)
    photos: set[uuid.UUID] = field(default_factory=set)
    cities: set[int] = field(default_factory=set)


@dataclass(slots=True)
class Snapshot:
    profiles: dict[uuid.UUID, SourceRow] = field(default_factory=dict)
    profile_of_user: dict[str, uuid.UUID] = field(default_factory=dict)
    specialties: dict[uuid.UUID, list[tuple[str, str]]] = field(default_factory=dict)
    followees: dict[uuid.UUID, list[str]] = field(default_factory=dict)
    photos: dict[uuid.UUID, SourceRow] = field(default_factory=dict)
    photos_of_owner: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)
    cities: dict[int, SourceRow] = field(default_factory=dict)


def _any_of(*conditions: tuple[Collection[object], ColumnElement[bool]]) -> ColumnElement[bool]:
    return or_(*(condition for ids, condition in conditions if ids))


async def load(session: AsyncSession, wanted: Wanted) -> Snapshot:
    snapshot = Snapshot()
    if wanted.users or wanted.owners or wanted.owner_uids:
        await _load_profiles(session, wanted, snapshot)
    if wanted.photos or wanted.owners or wanted.owner_uids:
        await _load_photos(session, wanted, snapshot)
    if wanted.cities:
        found = await rows(session, CITIES.where(in_(City.id, wanted.cities)))
        snapshot.cities = {row.id: row for row in found}
    return snapshot


async def _load_profiles(session: AsyncSession, wanted: Wanted, snapshot: Snapshot) -> None:
    ids = wanted.owners
    uids = wanted.users | wanted.owner_uids
    query = PROFILES.where(
        _any_of((ids, in_(Profile.id, ids)), (uids, in_(Profile.user_uid, uids)))
    )
    for row in await rows(session, query):
        snapshot.profiles[row.id] = row
        snapshot.profile_of_user[row.user_uid] = row.id
    await load_profile_details(session, snapshot)


async def load_profile_details(session: AsyncSession, snapshot: Snapshot) -> None:
    """Specialties and followees of the profiles already in the snapshot."""
    found = list(snapshot.profiles)
    if not found:
        return
    specialties = await rows(
        session,
        select(ProfileSpecialty.profile_id, Specialty.slug, Specialty.name)
        .join(Specialty, Specialty.slug == ProfileSpecialty.specialty_slug)
        .where(in_(ProfileSpecialty.profile_id, found))
        .order_by(ProfileSpecialty.profile_id, Specialty.slug),
    )
    by_profile: dict[uuid.UUID, list[tuple[str, str]]] = defaultdict(list)
    for profile_id, slug, name in specialties:
        by_profile[profile_id].append((slug, name))
    snapshot.specialties = by_profile
    follows = await rows(
        session,
        select(Follow.follower_id, Follow.followee_id).where(in_(Follow.follower_id, found)),
    )
    followees: dict[uuid.UUID, list[str]] = defaultdict(list)
    for follower, followee in follows:
        followees[follower].append(str(followee))
    snapshot.followees = followees


async def _load_photos(session: AsyncSession, wanted: Wanted, snapshot: Snapshot) -> None:
    query = PHOTOS.where(
        _any_of(
            (wanted.photos, in_(Photo.id, wanted.photos)),
            (wanted.owners, in_(Photo.owner_id, wanted.owners)),
            (wanted.owner_uids, in_(Profile.user_uid, wanted.owner_uids)),
        )
    )
    by_owner: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for row in await rows(session, query):
        snapshot.photos[row.id] = row
        by_owner[row.owner_id].append(row.id)
    snapshot.photos_of_owner = by_owner
