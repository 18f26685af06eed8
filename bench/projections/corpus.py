"""A synthetic community seeded by COPY: users, profiles with specialties and follows,
photos, and one pending outbox event per profile (its profile, following and photo
documents)."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import asyncpg

from lumen.geo.cities import iter_cities
from lumen.seed.cities import COLUMNS as CITY_COLUMNS
from lumen.seed.cities import city_record
from lumen.seed.vocabulary import CAMERAS, SPECIALTIES

FIRST = [
    "Zoë",
    "Zoe",
    "Léa",
    "Chloé",
    "Amélie",
    "Jonas",
    "Mateo",
    "Ana",
    "Noé",
    "Inès",
    "Björn",
    "Søren",
    "Mia",
    "Lucas",
    "Hugo",
    "Élodie",
    "Ravi",
    "Yuki",
    "Olu",
    "Sara",
]
LAST = [
    "Martin",
    "Lefèvre",
    "Dubois",
    "García",
    "Müller",
    "Rossi",
    "Nowak",
    "Silva",
    "Kowalski",
    "Brontë",
    "Ødegaard",
    "Núñez",
    "Smith",
    "Tanaka",
    "Okafor",
    "Petit",
]
TAGS = [
    "portrait",
    "fashion",
    "street",
    "bw",
    "film",
    "studio",
    "golden-hour",
    "editorial",
    "beauty",
    "urban",
    "nature",
    "wedding",
    "moody",
    "colour",
    "analog",
    "night",
]
TABLES = ["outbox", "photos", "follows", "profile_specialties", "profiles", "users"]


async def reset(conn: asyncpg.Connection) -> None:
    await conn.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")


async def seed_cities(
    conn: asyncpg.Connection, count: int = 1000
) -> list[tuple[int, float, float]]:
    existing = await conn.fetch("SELECT id, latitude, longitude FROM cities LIMIT $1", count)
    if len(existing) >= count:
        return [(r["id"], r["latitude"], r["longitude"]) for r in existing]
    cities = sorted(iter_cities(), key=lambda c: -c.population)[:count]
    await conn.execute("DELETE FROM cities")
    await conn.copy_records_to_table(
        "cities",
        columns=[*CITY_COLUMNS, "version"],
        records=[(*city_record(c), 1) for c in cities],
    )
    return [(c.id, c.lat, c.lon) for c in cities]


def _profiles(
    n: int, cities: list[tuple[int, float, float]], rng: random.Random
) -> Iterator[tuple[object, ...]]:
    now = datetime.now(UTC)
    for i in range(n):
        city_id, lat, lon = rng.choice(cities)
        precision = rng.choice(["city", "approximate", "approximate", "hidden"])
        yield (
            uuid.UUID(int=i + 1),
            f"bench-{i}",
            f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "Portraits, fashion and editorial work",
            "I love natural light and film. " * 3,
            rng.sample(["fr", "en", "de", "es", "it", "ja"], 2),
            city_id,
            lat + rng.uniform(-0.05, 0.05),
            lon + rng.uniform(-0.05, 0.05),
            precision,
            "public" if i % 20 else "followers",
            True,
            i % 3 == 0,
            [],
            "{}",
            rng.randint(0, 5000),
            2,
            1,
            now - timedelta(days=rng.randint(0, 900)),
            now,
        )


PROFILE_COLUMNS = [
    "id",
    "user_uid",
    "display_name",
    "headline",
    "bio",
    "languages",
    "city_id",
    "latitude",
    "longitude",
    "location_precision",
    "visibility",
    "discoverable",
    "nearby_opt_in",
    "links",
    "attributes",
    "followers_count",
    "following_count",
    "version",
    "created_at",
    "updated_at",
]
PHOTO_COLUMNS = [
    "id",
    "owner_id",
    "title",
    "caption",
    "tags",
    "visibility",
    "status",
    "moderation",
    "taken_at",
    "exif",
    "location_precision",
    "city_id",
    "width",
    "height",
    "variants",
    "placeholder",
    "version",
    "created_at",
    "updated_at",
]


def _photos(
    profiles: int, per: int, cities: list[tuple[int, float, float]], rng: random.Random
) -> Iterator[tuple[object, ...]]:
    now = datetime.now(UTC)
    for p in range(profiles):
        for k in range(per):
            make, model = rng.choice(CAMERAS)
            width, height = rng.choice([(6000, 4000), (4000, 6000), (4000, 4000)])
            variants = [
                {
                    "width": w,
                    "height": w * height // width,
                    "format": "webp",
                    "key": f"v/{p}-{k}-{w}.webp",
                }
                for w in (2048, 1080, 320)
            ]
            yield (
                uuid.UUID(int=(1 << 64) + p * per + k),
                uuid.UUID(int=p + 1),
                f"Session {k} in the {rng.choice(['studio', 'street', 'park'])}",
                "Shot on a grey afternoon.",
                rng.sample(TAGS, 3),
                "public",
                "ready",
                "visible",
                now - timedelta(days=rng.randint(0, 2000)),
                json.dumps({"make": make, "model": model, "iso": 400, "f_number": 2.0}),
                "city",
                rng.choice(cities)[0],
                width,
                height,
                json.dumps(variants),
                "data:image/webp;base64,UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA",
                1,
                now,
                now,
            )


async def seed(
    conn: asyncpg.Connection, profiles: int, photos_per_profile: int, photo_events: bool = False
) -> None:
    rng = random.Random(7)
    cities = await seed_cities(conn)
    await reset(conn)
    await conn.copy_records_to_table(
        "users",
        columns=[
            "uid",
            "role",
            "birth_date_encrypted",
            "status",
            "version",
            "created_at",
            "updated_at",
        ],
        records=(
            (
                f"bench-{i}",
                "photographer" if i % 2 else "model",
                b"x",
                "active",
                1,
                datetime.now(UTC),
                datetime.now(UTC),
            )
            for i in range(profiles)
        ),
    )
    await conn.copy_records_to_table(
        "profiles", columns=PROFILE_COLUMNS, records=_profiles(profiles, cities, rng)
    )
    await conn.copy_records_to_table(
        "profile_specialties",
        columns=["profile_id", "specialty_slug"],
        records=(
            (uuid.UUID(int=i + 1), s) for i in range(profiles) for s in rng.sample(SPECIALTIES, 2)
        ),
    )
    await conn.copy_records_to_table(
        "follows",
        columns=["follower_id", "followee_id"],
        records=(
            (uuid.UUID(int=i + 1), uuid.UUID(int=(i + d) % profiles + 1))
            for i in range(profiles)
            for d in (1, 2)
        ),
    )
    await conn.copy_records_to_table(
        "photos", columns=PHOTO_COLUMNS, records=_photos(profiles, photos_per_profile, cities, rng)
    )
    await queue_events(conn, photo_events)
    await conn.execute("ANALYZE")


async def queue_events(conn: asyncpg.Connection, photo_events: bool) -> None:
    """One event per profile: its profile and following documents and, as any profile
    change does, its photos' — every document built and written once, as the raw
    baseline writes it. With `photo_events`, also one per photo: a backlog where each
    photo is projected twice, once for its owner and once for itself."""
    photos = (
        "UNION ALL SELECT 'photo', id::text, version, 'PhotoProcessed',"
        " jsonb_build_object('owner_id', owner_id), 0 FROM photos"
    )
    await conn.execute(f"""
        INSERT INTO outbox (aggregate_type, aggregate_id, aggregate_version, event_type,
                            payload, attempts)
        SELECT 'profile', id::text, version, 'ProfileCreated',
               jsonb_build_object('user_uid', user_uid), 0 FROM profiles
        {photos if photo_events else ""}
    """)  # noqa: S608 - one of two constant texts
