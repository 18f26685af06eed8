"""Turns a requested location into what a profile or photo row stores."""

from __future__ import annotations

import asyncio
from typing import cast

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands.errors import InvalidInput
from lumen.commands.fields import LocationIn
from lumen.commands.profiles.structs import Located
from lumen.db.cities import City
from lumen.geo.coordinates import Point
from lumen.geo.reverse import reverse_geocode
from lumen.shapes.places import Precision


class StoredLocation(msgspec.Struct, frozen=True, kw_only=True):
    precision: Precision
    city_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None


HIDDEN = StoredLocation(precision="hidden")


def held_by(row: Located) -> StoredLocation:
    return StoredLocation(
        precision=cast(Precision, row.location_precision),
        city_id=row.city_id,
        latitude=row.latitude,
        longitude=row.longitude,
    )


async def city_of(session: AsyncSession, point: Point) -> int | None:
    # The first lookup builds the city index (~1 s); keep it off the event loop.
    found = await asyncio.to_thread(reverse_geocode, point)
    if found is None or await session.get(City, found.id) is None:
        return None
    return found.id


def _held(wanted: LocationIn, held: StoredLocation | None) -> LocationIn:
    """A precision alone applies to the location held (coordinates from a photo's GPS)."""
    if not wanted.precision_only or wanted.precision == "hidden":
        return wanted
    has_point = held is not None and held.latitude is not None
    if held is None or not (has_point or (wanted.precision == "city" and held.city_id)):
        needs = (
            "a city_id, or latitude and longitude"
            if wanted.precision == "city"
            else ("latitude and longitude")
        )
        raise InvalidInput("location.precision", f"no location is held yet: send {needs}")
    return LocationIn(
        precision=wanted.precision,
        city_id=held.city_id,
        latitude=held.latitude,
        longitude=held.longitude,
    )


async def resolve(
    session: AsyncSession, wanted: LocationIn | None, held: StoredLocation | None = None
) -> StoredLocation:
    """Checks the city exists; finds the city of bare coordinates offline; a precision
    alone keeps the `held` location and shows it at that precision."""
    if wanted is None:
        return HIDDEN
    wanted = _held(wanted, held)
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
