"""Rows written the way the commands write them (row and outbox event in one
transaction), then projected by the real projector into this run's indices."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, text

from lumen.auth.accounts import Account
from lumen.commands import follows
from lumen.db.models import Base
from lumen.db.outbox import record
from lumen.db.photos import Photo
from lumen.db.profiles import Profile, ProfileSpecialty
from lumen.db.users import User
from lumen.events import CitySeeded, PhotoCreated, ProfileCreated, UserRegistered
from lumen.projections.indices import PROJECTIONS, layout
from lumen.projections.projector import run_batch
from lumen.projections.schema import ensure_indices
from lumen.resources import Resources
from tests.members import PARIS_ID

# (id, name, country, lat, lon, population)
CITIES = {
    "paris": (PARIS_ID, "Paris", "FR", "France", 48.85341, 2.3488, 2138551),
    "lyon": (2996944, "Lyon", "FR", "France", 45.74846, 4.84671, 472317),
}
PARIS_ID = CITIES["paris"][0]
KEPT_TABLES = {"specialties", "cities", "alembic_version"}


async def reset(res: Resources) -> None:
    """Empty tables (reference data kept), Redis, and this run's indices."""
    tables = ", ".join(f'"{t}"' for t in Base.metadata.tables if t not in KEPT_TABLES)
    async with res.db.begin() as conn:
        await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    await res.redis.flushdb()
    await fresh_indices(res)


async def fresh_indices(res: Resources) -> None:
    """Empty indices of this run's prefix only (never anyone else's), cities projected."""
    now = await layout(res.search, res.settings)
    for name in PROJECTIONS:
        for version in now.versions.get(name, []):
            index = f"{res.settings.index_prefix}-{name}-v{version}"
            await res.search.delete_index(index)
    await ensure_indices(res.search, res.settings)
    await add_cities(res)


async def add_cities(res: Resources) -> None:
    async with res.sessions.begin() as session:
        for ident, name, country, country_name, lat, lon, population in CITIES.values():
            await session.execute(
                text(
                    "INSERT INTO cities (id, name, ascii_name, country_code, country_name,"
                    " region_code, population, latitude, longitude, timezone, alternate_names,"
                    " version) VALUES (:id, :name, :name, :cc, :cn, '00', :pop, :lat, :lon,"
                    " 'Europe/Paris', '{}', 1) ON CONFLICT (id) DO NOTHING"
                ),
                {
                    "id": ident,
                    "name": name,
                    "cc": country,
                    "cn": country_name,
                    "pop": population,
                    "lat": lat,
                    "lon": lon,
                },
            )
            await record(session, CitySeeded(city_id=ident, version=1))


async def add_person(
    res: Resources,
    display_name: str,
    *,
    uid: str | None = None,
    role: str = "photographer",
    status: str = "active",
    specialties: Iterable[str] = (),
    **fields: Any,
) -> uuid.UUID:
    """A user (unless `uid` names a registered one) and their profile, with specialties."""
    values: dict[str, Any] = {"location_precision": "hidden"}
    values.update(fields)
    async with res.sessions.begin() as session:
        if uid is None:
            uid = f"u-{uuid.uuid4().hex[:12]}"
            user = User(uid=uid, role=role, status=status, birth_date_encrypted=b"x")
            session.add(user)
            await session.flush()
            await record(session, UserRegistered(uid=uid, version=user.version, role=role))
        profile = Profile(id=uuid.uuid4(), user_uid=uid, display_name=display_name, **values)
        session.add(profile)
        await session.flush()
        for position, slug in enumerate(specialties):
            session.add(
                ProfileSpecialty(profile_id=profile.id, specialty_slug=slug, position=position)
            )
        await session.flush()
        await record(
            session, ProfileCreated(profile_id=profile.id, version=profile.version, user_uid=uid)
        )
    return profile.id


async def follow(res: Resources, follower: uuid.UUID, followee: uuid.UUID) -> None:
    """The follow command itself, on behalf of the follower's owner."""
    async with res.sessions.begin() as session:
        uid = await session.scalar(select(Profile.user_uid).where(Profile.id == follower))
        assert uid is not None
        fan = Account(uid=uid, role="model", status="active", is_admin=False)
        assert await follows.follow(session, fan, followee)


async def add_photo(res: Resources, owner: uuid.UUID, title: str, **fields: Any) -> uuid.UUID:
    values: dict[str, Any] = {
        "status": "ready",
        "width": 3000,
        "height": 2000,
        "location_precision": "hidden",
        "variants": [
            {
                "key": f"{uuid.uuid4().hex}.webp",
                "width": 320,
                "height": 213,
                "media_type": "image/webp",
                "size": 1000,
            }
        ],
    }
    values.update(fields)
    async with res.sessions.begin() as session:
        photo = Photo(id=uuid.uuid4(), owner_id=owner, title=title, **values)
        session.add(photo)
        await session.flush()
        await record(
            session, PhotoCreated(photo_id=photo.id, version=photo.version, owner_id=owner)
        )
    return photo.id


async def project(res: Resources) -> None:
    while (await run_batch(res)).claimed:
        pass
    await res.search.refresh(f"{res.settings.index_prefix}-*")
