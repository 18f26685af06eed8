"""`lumen seed demo`: a deterministic community of photographers and models across real
cities, written through the same commands (and so the same outbox) as the API. Every
demo photo gets a generated JPEG through the upload path, which a running worker turns
into variants like any upload."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import AsyncIterator
from typing import Any, Literal

from sqlalchemy import select

from lumen.auth.accounts import Account
from lumen.auth.tokens import Caller
from lumen.commands.accounts.handlers import RegisterAccount, register_account
from lumen.commands.accounts.structs import Registration
from lumen.commands.boundary import Commands
from lumen.commands.editor import Editor
from lumen.commands.fields import LocationIn
from lumen.commands.follows.handlers import FollowProfile, follow_profile
from lumen.commands.photo_files.upload import receive_original
from lumen.commands.photos.handlers import CreatePhoto, create_photo
from lumen.commands.photos.structs import PhotoIn
from lumen.commands.profiles.handlers import CreateProfile, create_profile
from lumen.commands.profiles.structs import ProfileIn
from lumen.db.cities import City
from lumen.db.users import User
from lumen.progress import Progress
from lumen.resources import Resources
from lumen.seed import vocabulary as words
from lumen.seed.images import demo_jpeg
from lumen.workers.queue import commands_for

Role = Literal["photographer", "model"]
SIZES = {"small": 40, "medium": 400, "large": 4000}
PHOTOS_PER_PROFILE = 5
FOLLOWS_PER_PROFILE = 3


def demo_uid(n: int) -> str:
    return f"demo-{n:06d}"


async def largest_cities(resources: Resources, count: int) -> list[City]:
    async with resources.sessions() as session:
        found = await session.scalars(select(City).order_by(City.population.desc()).limit(count))
        return list(found)


def demo_profile(rng: random.Random, role: str, city: City) -> ProfileIn:
    name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
    specialties = rng.sample(words.SPECIALTIES, k=rng.randint(1, 3))
    near = rng.random() < 0.5
    location = LocationIn(
        precision="approximate" if near else "city",
        city_id=city.id,
        latitude=city.latitude + rng.uniform(-0.05, 0.05) if near else None,
        longitude=city.longitude + rng.uniform(-0.05, 0.05) if near else None,
    )
    return ProfileIn(
        display_name=name,
        headline=f"{specialties[0].replace('-', ' ').title()} {role} in {city.name}",
        bio=rng.choice(words.BIOS).format(city=city.name, role=role),
        languages=["en", *rng.sample(words.LANGUAGES, k=rng.randint(0, 2))],
        specialties=specialties,
        location=location,
        nearby_opt_in=near,
        # Public as the role's defaults have it (lumen.shapes.attributes): tattoos stay private.
        attributes=_attributes(rng, role),
    )


def _attributes(rng: random.Random, role: str) -> dict[str, Any]:
    """A comp card for a model, a kit list for a photographer."""
    shared = {"experience": rng.choice(words.EXPERIENCE), "open_to_tfp": rng.random() < 0.6}
    if role == "photographer":
        return {**shared, "years_active": rng.randint(1, 25), "gear": rng.sample(words.GEAR, 2)}
    waist = rng.randint(58, 80)
    return {
        **shared,
        "height_cm": rng.randint(160, 192),
        "measurements": {
            "bust_cm": waist + rng.randint(18, 28),
            "waist_cm": waist,
            "hips_cm": waist + rng.randint(22, 32),
        },
        "hair_colour": rng.choice(words.HAIR_COLOURS),
        "eye_colour": rng.choice(words.EYE_COLOURS),
        "tattoos": rng.random() < 0.3,
    }


def demo_photo(rng: random.Random, city: City) -> PhotoIn:
    subject = rng.choice(words.PHOTO_SUBJECTS)
    return PhotoIn(
        title=f"{subject.title()} in {city.name}",
        caption=f"Shot on a {rng.choice(words.LIGHT)} day.",
        tags=[subject, *rng.sample(words.TAGS, k=3)],
        taken_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=rng.randint(0, 600)),
        location=LocationIn(precision="city", city_id=city.id),
    )


async def seed_demo(
    resources: Resources,
    profiles: int,
    seed: int = 7,
    progress: Progress | None = None,
) -> int:
    """Creates the demo community once; re-running it adds nobody twice. Returns new profiles."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    commands = commands_for(resources)
    cities = await largest_cities(resources, 60)
    members: list[tuple[Account, uuid.UUID]] = []
    created = 0
    for n in range(profiles):
        role: Role = "photographer" if n % 2 == 0 else "model"
        account = Account(uid=demo_uid(n), role=role, status="active", is_admin=False)
        city = rng.choice(cities)
        profile_in, photos = (
            demo_profile(rng, role, city),
            [demo_photo(rng, city) for _ in range(PHOTOS_PER_PROFILE)],
        )
        async with resources.sessions() as session:
            exists = await session.get(User, account.uid)
        if exists is not None:
            if progress:
                progress(n + 1, profiles)
            continue
        birth = dt.date(1985 + n % 15, 1 + n % 12, 1 + n % 28)
        registration = Registration(role=role, birth_date=birth)
        await commands.run(
            register_account,
            RegisterAccount(caller=Caller(uid=account.uid), registration=registration),
        )
        profile = await commands.run(
            create_profile, CreateProfile(account=account, profile=profile_in)
        )
        members.append((account, profile.id))
        for i, photo in enumerate(photos):
            made = await commands.run(create_photo, CreatePhoto(account=account, photo=photo))
            # Its own random state: the pictures do not shift the rest of the community.
            picture = demo_jpeg(random.Random(f"{seed}:{n}:{i}"))  # noqa: S311 - demo data
            await receive_original(commands, Editor(account=account), made.id, _chunks(picture))
        created += 1
        if progress:
            progress(n + 1, profiles)
    await _follow_some(commands, rng, members)
    return created


async def _chunks(picture: bytes) -> AsyncIterator[bytes]:
    yield picture


async def _follow_some(
    commands: Commands, rng: random.Random, members: list[tuple[Account, uuid.UUID]]
) -> None:
    ids = [profile_id for _, profile_id in members]
    for account, mine in members:
        others = [i for i in ids if i != mine]
        for target in rng.sample(others, k=min(FOLLOWS_PER_PROFILE, len(others))):
            await commands.run(follow_profile, FollowProfile(account=account, profile_id=target))
