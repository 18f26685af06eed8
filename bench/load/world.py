"""What the load reads and writes: a sample of the seeded community (profile and photo ids,
cities) and the members who browse and write, signed up with the Auth emulator and
registered through the API as any client would."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field

import httpx
import msgspec
from sqlalchemy import select

from lumen.db.cities import City
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.resources import Resources
from lumen.seed.demo import demo_profile, largest_cities
from tests.emulator import sign_up

SAMPLE = 2000
JSON = {"content-type": "application/json"}


@dataclass
class Member:
    headers: dict[str, str]
    profile_id: str
    city: City
    # Photos created and not uploaded yet, and whom this member follows: what their next
    # upload and unfollow act on.
    drafts: list[str] = field(default_factory=list)
    following: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class World:
    profiles: list[str]
    photos: list[str]
    cities: list[City]
    members: list[Member]


async def sample(resources: Resources) -> tuple[list[str], list[str], list[City]]:
    """Ids anyone may view (public profiles, ready public photos) and the cities they are in."""
    async with resources.sessions() as session:
        profiles = await session.scalars(
            select(Profile.id)
            .where(Profile.visibility == "public")
            .order_by(Profile.id)
            .limit(SAMPLE)
        )
        photos = await session.scalars(
            select(Photo.id)
            .where(Photo.status == "ready", Photo.visibility == "public")
            .where(Photo.moderation == "visible")
            .order_by(Photo.id)
            .limit(SAMPLE)
        )
        picked = [str(i) for i in profiles], [str(i) for i in photos]
    return *picked, await largest_cities(resources, 60)


async def _enrol(
    http: httpx.AsyncClient, resources: Resources, role: str, profile: bytes, city: City
) -> Member:
    _, token = await sign_up(resources.settings)
    headers = {"authorization": f"Bearer {token}"}
    registration = {"role": role, "birth_date": "1990-01-01"}
    registered = await http.post("/v1/me", json=registration, headers=headers)
    if registered.status_code not in (200, 201):
        raise RuntimeError(f"registration: {registered.status_code} {registered.text[:300]}")
    created = await http.post("/v1/profiles", content=profile, headers={**headers, **JSON})
    if created.status_code != 201:
        raise RuntimeError(f"profile: {created.status_code} {created.text[:300]}")
    return Member(headers, created.json()["id"], city)


async def world(
    http: httpx.AsyncClient, resources: Resources, members: int, seed: int = 11
) -> World:
    """The sample, and `members` new members with a profile each, made through the API."""
    profiles, photos, cities = await sample(resources)
    if not (profiles and photos and cities):
        raise RuntimeError("seed a community first: no public profiles, photos or cities")
    rng = random.Random(seed)
    plans = []
    for n in range(members):
        role, city = ("photographer", "model")[n % 2], rng.choice(cities)
        plans.append((role, msgspec.json.encode(demo_profile(rng, role, city)), city))
    made = await asyncio.gather(*(_enrol(http, resources, *plan) for plan in plans))
    return World(profiles, photos, cities, list(made))
