"""Someone who queries from many chosen origins, with every radius and sort, learns no
more about where a person is than the precision that person chose."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.geo.coordinates import Point
from lumen.geo.distance import KM_PER_DEGREE_LAT
from lumen.geo.grid import cell_containing
from lumen.geo.privacy import APPROXIMATE_CELL_KM
from lumen.resources import Resources
from tests.members import PARIS_ID
from tests.queries.world import add_person, fresh_indices, project

Client = AsyncTestClient[Litestar]
STEP_KM = 0.4
STEPS = 6  # origins from -2.4 km to +2.4 km around the target, both ways


async def answers(client: Client, origin: Point) -> dict[str, tuple[str | None, ...]]:
    """What each profile looks like from one origin, through every distance channel."""
    near = f"{origin.lat:.6f},{origin.lon:.6f}"
    seen: dict[str, list[str | None]] = {}
    for radius in (1, 5):
        response = await client.get("/v1/nearby", params={"near": near, "radius_km": radius})
        assert response.status_code == 200, response.text
        listed = {i["display_name"]: i["distance"] for i in response.json()["items"]}
        for name in ("Near Corner", "Far Corner"):
            seen.setdefault(name, []).append(listed.get(name, "absent"))
    ranked = await client.get(
        "/v1/search/profiles", params={"near": near, "sort": "distance", "page_size": 50}
    )
    order = [i["display_name"] for i in ranked.json()["items"]]
    for name in seen:
        seen[name].append(str(order.index(name)))
    return {name: tuple(values) for name, values in seen.items()}


async def test_two_people_in_one_cell_look_the_same_from_everywhere(
    client: Client, db: Resources
) -> None:
    await fresh_indices(db)
    cell = cell_containing(Point(lat=48.8566, lon=2.3522), APPROXIMATE_CELL_KM)
    # Opposite corners of one approximate cell, about a kilometre apart.
    near_corner = Point(lat=cell.south + 0.0005, lon=cell.west + 0.0005)
    far_corner = Point(lat=cell.north - 0.0005, lon=cell.east - 0.0005)
    for name, at in (("Near Corner", near_corner), ("Far Corner", far_corner)):
        await add_person(
            db,
            name,
            latitude=at.lat,
            longitude=at.lon,
            location_precision="approximate",
            city_id=PARIS_ID,
            nearby_opt_in=True,
        )
    await project(db)
    km_lon = KM_PER_DEGREE_LAT * 0.658  # cos(48.86°)
    inside: list[Point] = []
    for i in range(-STEPS, STEPS + 1):
        for j in range(-STEPS, STEPS + 1):
            origin = Point(
                lat=near_corner.lat + i * STEP_KM / KM_PER_DEGREE_LAT,
                lon=near_corner.lon + j * STEP_KM / km_lon,
            )
            seen = await answers(client, origin)
            # Whatever the origin, the two are indistinguishable, ties broken by id only.
            assert seen["Near Corner"][:2] == seen["Far Corner"][:2], origin
            if seen["Near Corner"][0] == "lt_1km":
                inside.append(origin)
    # The best an attacker can do is the set of origins that see "under 1 km": exactly
    # the person's own cell, the precision they chose, and no smaller region within it.
    assert inside
    assert {cell_containing(p, APPROXIMATE_CELL_KM) for p in inside} == {cell}
    lat_span = (max(p.lat for p in inside) - min(p.lat for p in inside)) * KM_PER_DEGREE_LAT
    assert lat_span >= APPROXIMATE_CELL_KM - STEP_KM  # as wide as the sampling can show
