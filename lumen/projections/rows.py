"""Typed source rows: a read model's query selects its row struct's fields, in order and
by name, and its results come back as instances of that struct.

Queries run on the session's connection, not through the ORM: they select columns,
never entities, and the ORM's result handling cost more than the rows' decoding."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, TypeVar

import msgspec
from sqlalchemy import FromClause, Select, Text, any_, bindparam, cast, type_coerce
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.sqltypes import NullType

R = TypeVar("R", bound=msgspec.Struct)
Column = ColumnElement[Any] | QueryableAttribute[Any]


def as_text(column: Column) -> ColumnElement[Any]:
    # JSON as text: msgspec decodes it far faster than the driver's json module, and
    # photo variants pass into documents as they are, never decoded.
    return cast(column, Text)


def as_list(column: Column) -> ColumnElement[Any]:
    # Arrays as asyncpg's lists: SQLAlchemy's ARRAY result processing rebuilt each list
    # element by element, a fifth of the time spent loading rows.
    return type_coerce(column, NullType())


def columns(row: type[msgspec.Struct], table: FromClause, **computed: Column) -> list[Any]:
    """`row`'s fields as labelled columns: those named in `computed` as given, the others
    the column of `table` with the field's name."""
    fields = row.__struct_fields__
    unknown = computed.keys() - set(fields)
    if unknown:
        raise TypeError(f"{row.__name__} has no field {', '.join(sorted(unknown))}")
    selected: list[Any] = []
    for name in fields:
        column: Column | None = computed.get(name)
        if column is None:
            column = table.c[name]
            if isinstance(column.type, ARRAY):
                column = as_list(column)
        selected.append(column.label(name))
    return selected


def in_(column: Column, ids: Collection[object]) -> ColumnElement[bool]:
    # One array parameter rather than an IN list: the statement text stays the same
    # whatever the number of ids, so the driver's prepared statement is reused and no
    # bind parameter is rendered per id.
    return column == any_(bindparam(None, list(ids), type_=ARRAY(column.type)))


async def fetch(session: AsyncSession, row: type[R], query: Select[Any]) -> list[R]:
    # All at once: iterating a result fetches row by row through the driver adapter's
    # cursor, a Python call stack per row that fetching everything in one call skips.
    found = (await (await session.connection()).execute(query)).all()
    return [row(*values) for values in found]
