"""The joined queries behind documents, and how they are run.

Queries run on the session's connection, not through the ORM: they select columns,
never entities, and the ORM's result handling cost more than the rows' decoding."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import FromClause, Select, Text, any_, bindparam, cast, select, type_coerce
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.sqltypes import NullType

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


def _columns(table: FromClause, raw_json: tuple[str, ...] = ()) -> list[ColumnElement[Any]]:
    """The table's columns, some read as the driver hands them over:
    - JSON columns named in `raw_json`, as text (`<name>_json`): msgspec decodes them far
      faster than the driver's json module, and photo variants pass into documents as
      they are, never decoded;
    - arrays, as asyncpg's lists: SQLAlchemy's ARRAY result processing rebuilt each
      list element by element, a fifth of the time spent loading rows."""
    columns: list[ColumnElement[Any]] = []
    for column in table.c:
        if column.name in raw_json:
            columns.append(cast(column, Text).label(f"{column.name}_json"))
        elif isinstance(column.type, ARRAY):
            columns.append(type_coerce(column, NullType()).label(column.name))
        else:
            columns.append(column)
    return columns


PROFILES = (
    select(
        *_columns(Profile.__table__, ("attributes",)),
        Profile.revision.label("revision"),
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
        *_columns(Photo.__table__, ("exif", "variants")),
        Profile.display_name.label("owner_name"),
        Profile.followers_count.label("owner_followers"),
        Profile.visibility.label("owner_visibility"),
        Profile.revision.label("owner_version"),
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
CITIES = select(*_columns(City.__table__))


def in_(
    column: ColumnElement[Any] | InstrumentedAttribute[Any], ids: Collection[object]
) -> ColumnElement[bool]:
    # One array parameter rather than an IN list: the statement text stays the same
    # whatever the number of ids, so the driver's prepared statement is reused and no
    # bind parameter is rendered per id.
    return column == any_(bindparam(None, list(ids), type_=ARRAY(column.type)))


async def rows(
    session: AsyncSession, query: Select[*tuple[Any, ...]]
) -> Sequence[Row[*tuple[Any, ...]]]:
    # All at once: iterating a result fetches row by row through the driver adapter's
    # cursor, a Python call stack per row that fetching everything in one call skips.
    return (await (await session.connection()).execute(query)).all()
