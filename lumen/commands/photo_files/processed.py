"""What a processed image changes on its photo row, and what it never writes there."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.commands.locations import city_of
from lumen.db.cities import City
from lumen.db.photos import Photo
from lumen.geo.coordinates import Point
from lumen.media.exif import PhotoExif
from lumen.media.pipeline import StoredVariant


class Processed(msgspec.Struct, frozen=True, kw_only=True):
    """What the image pipeline made of an original: all a photo row keeps of it."""

    width: int
    height: int
    exif: PhotoExif
    dominant_colour: str
    variants: list[StoredVariant]


def exif_document(exif: PhotoExif) -> dict[str, Any]:
    # GPS never stays in the EXIF document: it becomes the photo's location, held to the
    # precision its owner chose, or nothing at all.
    without_gps = msgspec.structs.replace(exif, latitude=None, longitude=None)
    document: dict[str, Any] = msgspec.to_builtins(without_gps)
    return document


def variant_documents(stored: list[StoredVariant]) -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = msgspec.to_builtins(stored)
    return documents


async def apply_processed(session: AsyncSession, photo: Photo, processed: Processed) -> None:
    # One UPDATE, so one new version: the city lookups must not flush half the changes.
    with session.no_autoflush:
        photo.width, photo.height = processed.width, processed.height
        photo.exif = exif_document(processed.exif)
        photo.variants = variant_documents(processed.variants)
        photo.placeholder = processed.dominant_colour
        photo.status, photo.failure_reason = "ready", None
        await _locate(session, photo, processed.exif)
        if photo.taken_at is None and processed.exif.captured_at is not None:
            zone = await _zone_of(session, photo.city_id)
            photo.taken_at = _aware(processed.exif.captured_at, zone)


def apply_failure(photo: Photo, reason: str) -> None:
    photo.status, photo.failure_reason = "failed", reason
    photo.width = photo.height = photo.placeholder = None
    photo.exif, photo.variants = {}, []


async def _locate(session: AsyncSession, photo: Photo, exif: PhotoExif) -> None:
    """GPS fills in a location the owner did not give, and only that.

    The precision stays the owner's: a photo made without a location is `hidden`, so its
    GPS position is kept for the owner to publish (by choosing a precision) and shows
    nowhere until then.
    """
    if exif.latitude is None or exif.longitude is None:
        return
    if photo.latitude is not None or photo.city_id is not None:
        return
    point = Point(lat=exif.latitude, lon=exif.longitude)
    photo.latitude, photo.longitude = point.lat, point.lon
    photo.city_id = await city_of(session, point)


async def _zone_of(session: AsyncSession, city_id: int | None) -> tzinfo:
    city = None if city_id is None else await session.get(City, city_id)
    try:
        return ZoneInfo(city.timezone) if city is not None else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _aware(moment: datetime, zone: tzinfo) -> datetime:
    # Without an offset the camera wrote its local time: the zone of the city the photo
    # was taken in is the best reading of it, UTC the fallback.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
