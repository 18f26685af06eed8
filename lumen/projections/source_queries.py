"""The joined queries behind documents, and how they are run.

Queries run on the session's connection, not through the ORM: they select columns,
never entities, and the ORM's result handling cost more than the rows' decoding."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Select, Text, any_, bindparam, cast, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Result
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import ColumnElement

from lumen.db.cities import City
from lumen.db.photos import Photo
from lumen.db.profiles import Profile
from lumen.db.users import User

_CITY = (
    City.name.label("city_name"),
    City.country_code,
    City.country_name,
    City.latitude.label("city_lat"),
    City.longitude.label("city_lon"),
)
# Photo JSON columns read as text: variants pass into documents without being decoded
# and re-encoded, and msgspec decodes the EXIF far faster than the driver would.
_RAW_JSON = ("exif", "variants")
PROFILES = (
    select(
        *Profile.__table__.c,
        User.role,
        User.status.label("user_status"),
        User.version.label("user_version"),
        *_CITY,
    )
    .join(User, User.uid == Profile.user_uid)
    .outerjoin(City, City.id == Profile.city_id)
)
PHOTOS = (
    select(
        *(c for c in Photo.__table__.c if c.name not in _RAW_JSON),
        *(cast(Photo.__table__.c[name], Text).label(f"{name}_json") for name in _RAW_JSON),
        Profile.display_name.label("owner_name"),
        Profile.visibility.label("owner_visibility"),
        Profile.version.label("owner_version"),
        Profile.user_uid,
        User.role,
        User.status.label("user_status"),
        User.version.label("user_version"),
        *_CITY,
    )
    .join(Profile, Profile.id == Photo.owner_id)
    .join(User, User.uid == Profile.user_uid)
    .outerjoin(City, City.id == Photo.city_id)
)


def in_(
    column: ColumnElement[Any] | InstrumentedAttribute[Any], ids: Collection[object]
) -> ColumnElement[bool]:
    # One array parameter rather than an IN list: the statement text stays the same
    # whatever the number of ids, so the driver's prepared statement is reused and no
    # bind parameter is rendered per id.
    return column == any_(bindparam(None, list(ids), type_=ARRAY(column.type)))


async def rows(session: AsyncSession, query: Select[*tuple[Any, ...]]) -> Result[*tuple[Any, ...]]:
    return await (await session.connection()).execute(query)
