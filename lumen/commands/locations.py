"""Turns a requested location into what a profile or photo row stores."""

from __future__ import annotations

import asyncio

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands.errors import InvalidInput
from lumen.commands.fields import LocationIn, Precision
from lumen.db.cities import City
from lumen.geo.coordinates import Point
from lumen.geo.reverse import reverse_geocode


class StoredLocation(msgspec.Struct, frozen=True, kw_only=True):
    precision: Precision
    city_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None


HIDDEN = StoredLocation(precision="hidden")


async def city_of(session: AsyncSession, point: Point) -> int | None:
    # The first lookup builds the city index (~1 s); keep it off the event loop.
    found = await asyncio.to_thread(reverse_geocode, point)
    if found is None or await session.get(City, found.id) is None:
        return None
    return found.id


async def resolve(session: AsyncSession, wanted: LocationIn | None) -> StoredLocation:
    """Checks the city exists; finds the city of bare coordinates offline."""
    if wanted is None:
        return HIDDEN
    city_id = wanted.city_id
    if city_id is not None and await session.get(City, city_id) is None:
        raise InvalidInput("location.city_id", f"no city has id {city_id}")
    if city_id is None and wanted.latitude is not None and wanted.longitude is not None:
        city_id = await city_of(session, Point(lat=wanted.latitude, lon=wanted.longitude))
    return StoredLocation(
        precision=wanted.precision,
        city_id=city_id,
        latitude=wanted.latitude,
        longitude=wanted.longitude,
    )
