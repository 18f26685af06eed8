"""`lumen seed cities`: the offline GeoNames dataset into the `cities` table. Re-running it
changes only cities whose data changed, and each change gets its outbox event."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from lumen.events import CitySeeded
from lumen.geo.cities import City, iter_cities

COLUMNS = (
    "id",
    "name",
    "ascii_name",
    "country_code",
    "country_name",
    "region_code",
    "population",
    "latitude",
    "longitude",
    "timezone",
    "alternate_names",
)
_DATA = ", ".join(COLUMNS[1:])
_EXCLUDED = ", ".join(f"excluded.{c}" for c in COLUMNS[1:])

# Upsert from a COPY-filled temporary table in one statement, with the outbox rows for
# exactly the inserted or changed cities.
UPSERT = f"""
WITH changed AS (
    INSERT INTO cities ({", ".join(COLUMNS)}, version)
    SELECT {", ".join(COLUMNS)}, 1 FROM incoming_cities
    ON CONFLICT (id) DO UPDATE SET ({_DATA}, version) = ({_EXCLUDED}, cities.version + 1)
    WHERE ({", ".join(f"cities.{c}" for c in COLUMNS[1:])}) IS DISTINCT FROM ({_EXCLUDED})
    RETURNING id, version
)
INSERT INTO outbox (aggregate_type, aggregate_id, aggregate_version, event_type, payload,
                    attempts)
SELECT '{CitySeeded.aggregate}', id::text, version, '{CitySeeded.name()}', '{{}}'::jsonb, 0
FROM changed
"""  # noqa: S608 - the interpolated names are the constants above, never input


STAGING = "CREATE TEMP TABLE incoming_cities ON COMMIT DROP AS SELECT * FROM cities WITH NO DATA"


def city_record(city: City) -> tuple[object, ...]:
    return (
        city.id,
        city.name,
        city.ascii_name,
        city.country_code,
        city.country_name,
        city.region_code,
        city.population,
        city.lat,
        city.lon,
        city.timezone,
        list(city.alternate_names),
    )


async def seed_cities(engine: AsyncEngine) -> int:
    """Upserts every city; returns how many were inserted or changed."""
    async with engine.begin() as conn:
        await conn.execute(text(STAGING))
        raw = await conn.get_raw_connection()
        await raw.driver_connection.copy_records_to_table(  # type: ignore[union-attr]
            "incoming_cities", records=[city_record(c) for c in iter_cities()], columns=COLUMNS
        )
        result = await conn.execute(text(UPSERT))
    return int(getattr(result, "rowcount", 0) or 0)
