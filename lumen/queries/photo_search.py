"""`GET /v1/search/photos`: the photos a viewer may see matching text and filters, with
tag and camera facets, from the photos read model alone."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Annotated, Any

from litestar import Controller, get
from litestar.params import FromQuery, Parameter

from lumen.folding import fold_keyword
from lumen.geo.coordinates import Point
from lumen.http import Req, Res, raises
from lumen.queries import audience, bands, facets, inputs, pages, relevance
from lumen.queries.audience import Viewer, Viewing
from lumen.queries.inputs import (
    CityId,
    Cursor,
    Day,
    Keywords,
    Near,
    Orientation,
    PageSize,
    Q,
    Radius,
    Sort,
)
from lumen.queries.pages import Page
from lumen.queries.results import SearchUnavailable
from lumen.queries.views import PhotoPage

FACETS: dict[str, str] = {
    "tag": "folded.tags",
    "camera_make": "camera_make",
    "camera_model": "camera_model",
}


@dataclass(frozen=True, slots=True)
class PhotoQuery:
    q: str | None = None
    tags: list[str] = field(default_factory=list)
    camera_makes: list[str] = field(default_factory=list)
    camera_models: list[str] = field(default_factory=list)
    owner: str | None = None
    city_id: int | None = None
    taken_from: dt.date | None = None
    taken_to: dt.date | None = None
    orientation: str | None = None
    origin: Point | None = None
    radius_km: int | None = None
    sort: str = "relevance"


def _filters(query: PhotoQuery, viewer: Viewer) -> list[dict[str, Any]]:
    """Everything but the facet picks, which narrow the hits after the facets are counted."""
    clauses = audience.visible_photos(viewer)
    for name, value in (
        ("owner_id", query.owner),
        ("city_id", query.city_id),
        ("orientation", query.orientation),
    ):
        if value is not None:
            clauses.append({"term": {name: value}})
    if query.taken_from is not None or query.taken_to is not None:
        taken: dict[str, str] = {}
        if query.taken_from is not None:
            taken["gte"] = query.taken_from.isoformat()
        if query.taken_to is not None:
            # The whole of the last day.
            taken["lt"] = (query.taken_to + dt.timedelta(days=1)).isoformat()
        clauses.append({"range": {"taken_at": taken}})
    if query.origin is not None:
        if query.radius_km is not None:
            clauses.append(relevance.within(query.origin, query.radius_km))
        clauses.append(bands.labelled(query.origin))
    return clauses


def body(query: PhotoQuery, viewer: Viewer, page: Page) -> dict[str, Any]:
    must = [relevance.matching(query.q, relevance.PHOTO_FIELDS)] if query.q else []
    matched = {"bool": {"must": must, "filter": _filters(query, viewer)}}
    found: dict[str, Any] = {
        "query": relevance.ranked(matched, query.sort, query.origin),
        # A photo is as popular as its owner: photos have no counts of their own.
        "sort": relevance.order(query.sort, query.origin, popularity_field="owner_followers"),
        "_source": {"excludes": ["location", "tombstone", "tombstoned_at"]},
    }
    picked = {
        "tag": query.tags,
        "camera_make": query.camera_makes,
        "camera_model": query.camera_models,
    }
    facets.add(found, FACETS, picked, counted=page.after is None)
    if query.q:
        found["highlight"] = relevance.highlight(query.q, relevance.PHOTO_HIGHLIGHTS)
    return page.apply(found)


class PhotoSearchController(Controller):
    path = "/v1/search"
    tags = ["search"]  # noqa: RUF012 - Litestar reads it as a class attribute
    opt = raises(SearchUnavailable)

    @get("/photos", operation_id="searchPhotos", summary="Search photos")
    async def photos(
        self,
        request: Req,
        resources: Res,
        viewer: Viewing,
        q: Q = None,
        tag: Keywords = None,
        camera_make: Keywords = None,
        camera_model: Keywords = None,
        owner: Annotated[uuid.UUID | None, Parameter(description="A profile id")] = None,
        city: CityId = None,
        taken_from: Day = None,
        taken_to: Day = None,
        orientation: FromQuery[Orientation | None] = None,
        near: Near = None,
        radius_km: Radius = None,
        sort: FromQuery[Sort] = "relevance",
        page_size: PageSize = inputs.DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
    ) -> PhotoPage:
        """Photos the caller may see (followers-only ones for followers) matching text and
        filters, with tag and camera facets."""
        if taken_from and taken_to and taken_from > taken_to:
            raise inputs.invalid("taken_from", "must not be after taken_to")
        query = PhotoQuery(
            q=inputs.text(q),
            # Tags are matched folded, as the documents' facet holds them.
            tags=[fold_keyword(t) for t in inputs.keywords("tag", tag)],
            camera_makes=inputs.keywords("camera_make", camera_make, 256),
            camera_models=inputs.keywords("camera_model", camera_model, 256),
            owner=str(owner) if owner else None,
            city_id=city,
            taken_from=taken_from,
            taken_to=taken_to,
            orientation=orientation,
            origin=relevance.origin(inputs.near_point(near)),
            radius_km=inputs.radius_around(near, radius_km),
            sort=sort,
        )
        page = pages.page_of(request, resources.settings.secret_key, viewer.uid, page_size, cursor)
        return await pages.photos(request, resources, body(query, viewer, page), page)
