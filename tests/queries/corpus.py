"""The fixed corpus the relevance, nearby and map tests read: Paris and Lyon
photographers and models, and people each privacy rule must keep out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from lumen.resources import Resources
from tests.queries.world import CITIES, add_person, add_photo, project, reset

PARIS, LYON = CITIES["paris"][0], CITIES["lyon"][0]
ORIGIN = (48.8566, 2.3522)  # central Paris, where "near me" asks from


def _east(km: float) -> tuple[float, float]:
    # About 73 km per degree of longitude at this latitude.
    return ORIGIN[0], ORIGIN[1] + km / 73.2


@dataclass
class Corpus:
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    photos: dict[str, uuid.UUID] = field(default_factory=dict)

    def name_of(self, ident: str) -> str:
        return next(name for name, value in self.ids.items() if str(value) == ident)


async def _located(res: Resources, name: str, km_east: float, **fields: object) -> uuid.UUID:
    lat, lon = _east(km_east)
    values: dict[str, Any] = {"nearby_opt_in": True, **fields}
    return await add_person(
        res,
        name,
        latitude=lat,
        longitude=lon,
        location_precision="approximate",
        city_id=PARIS,
        **values,
    )


async def build(res: Resources) -> Corpus:
    await reset(res)
    c = Corpus()
    paris: dict[str, Any] = {"city_id": PARIS, "location_precision": "city"}
    lyon: dict[str, Any] = {"city_id": LYON, "location_precision": "city"}
    c.ids["camille"] = await add_person(
        res,
        "Camille Durand",
        headline="Portrait photographer",
        specialties=["portrait"],
        languages=["fr", "en"],
        followers_count=40,
        **paris,
    )
    c.ids["lucas"] = await add_person(
        res,
        "Lucas Bernard",
        headline="Portrait and wedding photographer",
        specialties=["portrait", "wedding"],
        languages=["fr"],
        **paris,
    )
    c.ids["hugo"] = await add_person(
        res,
        "Hugo Petit",
        headline="Portrait photographer",
        specialties=["portrait"],
        languages=["fr"],
        **lyon,
    )
    c.ids["emma"] = await add_person(
        res,
        "Emma Laurent",
        headline="Fashion photographer in Paris",
        specialties=["fashion"],
        languages=["en"],
        **paris,
    )
    c.ids["zoe_paris"] = await add_person(
        res,
        "Zoë Martin",
        role="model",
        headline="Editorial model",
        specialties=["editorial"],
        **paris,
    )
    c.ids["zoe_lyon"] = await add_person(
        res, "Zoe Lambert", role="model", headline="Runway model", specialties=["runway"], **lyon
    )
    # Each of these is a Paris portrait photographer that search must not show.
    kept_out: dict[str, Any] = {
        "headline": "Portrait photographer",
        "specialties": ["portrait"],
        **paris,
    }
    c.ids["private"] = await add_person(res, "Nadia Private", visibility="private", **kept_out)
    c.ids["undiscoverable"] = await add_person(
        res, "Hidden Portraitist", discoverable=False, **kept_out
    )
    c.ids["suspended"] = await add_person(
        res, "Suspended Portraitist", status="suspended", **kept_out
    )
    c.ids["followers_only"] = await add_person(
        res, "Closed Portraitist", visibility="followers", **kept_out
    )
    # Nearby: opted in at known distances east of ORIGIN (approximate precision).
    c.ids["ines"] = await _located(res, "Ines Moreau", 0.0, headline="Street photographer")
    c.ids["paul"] = await _located(
        res, "Paul Girard", 3.0, headline="Portrait photographer", specialties=["portrait"]
    )
    c.ids["marc"] = await _located(res, "Marc Fontaine", 3.0, headline="Event photographer")
    c.ids["julie"] = await _located(
        res, "Julie Caron", 17.0, headline="Portrait photographer", specialties=["portrait"]
    )
    c.ids["not_opted"] = await _located(
        res, "Anne Opted-Out", 3.0, headline="Portrait photographer", nearby_opt_in=False
    )
    exif = {"make": "Canon", "model": "EOS R5", "gps": {"lat": 48.85, "lon": 2.35}}
    c.photos["golden"] = await add_photo(
        res, c.ids["camille"], "Golden hour portrait", tags=["portrait", "golden-hour"], exif=exif
    )
    c.photos["backstage"] = await add_photo(
        res, c.ids["camille"], "Backstage", tags=["portrait"], visibility="followers"
    )
    c.photos["runway"] = await add_photo(
        res,
        c.ids["emma"],
        "Runway fashion week",
        tags=["fashion"],
        exif={"make": "Nikon", "model": "Z8"},
        width=2000,
        height=3000,
    )
    c.photos["closed"] = await add_photo(res, c.ids["followers_only"], "Closed studio")
    c.photos["private"] = await add_photo(
        res, c.ids["camille"], "Private portrait", visibility="private"
    )
    c.photos["draft"] = await add_photo(res, c.ids["camille"], "Draft portrait", status="draft")
    await project(res)
    return c
