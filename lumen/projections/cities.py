"""The cities read model: the place names members pick from, as they type."""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import select

from lumen import events
from lumen.db.cities import City
from lumen.projections import event_groups as groups
from lumen.projections.analysis import (
    COMMON,
    GEO_POINT,
    KEYWORD,
    LONG,
    folded,
    folded_mapping,
    folded_text,
    text,
)
from lumen.projections.read_model import Document, Lookup, ReadModel, Want, visible
from lumen.projections.rows import columns

NAME = "cities"


class CityRow(msgspec.Struct):
    id: int
    version: int
    name: str
    ascii_name: str
    alternate_names: list[str] | None
    country_code: str
    country_name: str
    region_code: str
    population: int
    latitude: float
    longitude: float
    timezone: str


QUERY = select(*columns(CityRow, City.__table__))
BY_ID: Lookup[CityRow] = Lookup(City.id, lambda row: row.id)

MAPPING: dict[str, Any] = {
    **COMMON,
    "name": text(keyword=True),
    "ascii_name": text(),
    "alternate_names": text(),
    "country_code": KEYWORD,
    "country_name": text(keyword=True),
    "region_code": KEYWORD,
    "population": LONG,
    "location": GEO_POINT,
    "timezone": KEYWORD,
}
# What suggestions match on as people type, accents folded (see analysis).
FOLDED: dict[str, Any] = {
    "name": folded_text(prefixes=True),
    "ascii_name": folded_text(prefixes=True),
}
MAPPING |= folded_mapping(FOLDED)


def build(row: CityRow) -> Document:
    fields = {
        "name": row.name,
        "ascii_name": row.ascii_name,
        "alternate_names": row.alternate_names or [],
        "country_code": row.country_code,
        "country_name": row.country_name,
        "region_code": row.region_code,
        "population": row.population,
        "location": {"lat": row.latitude, "lon": row.longitude},
        "timezone": row.timezone,
    }
    fields["folded"] = folded(fields, FOLDED)
    return visible(NAME, str(row.id), row.version, fields)


def touched(event: events.Event) -> Want[CityRow] | Document | None:
    match event:
        case events.CitySeeded(city_id=city_id):
            return BY_ID, city_id
    return None


CITIES = ReadModel(
    name=NAME,
    mapping=MAPPING,
    row=CityRow,
    query=QUERY,
    key=BY_ID,
    build=build,
    handles=frozenset({events.CitySeeded}),
    ignores=groups.OWNER_CHANGES
    | groups.PHOTO_CHANGES
    | groups.REPORT_CHANGES
    | {events.ProfileDeleted, events.PhotoUploaded, events.PhotoDeleted},
    touched=touched,
)
