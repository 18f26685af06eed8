"""A precision alone shows the location Lumen already holds at that precision: a photo
whose coordinates came from its file's GPS (stored `hidden`) is published `approximate`
without the client copying the coordinates back."""

from collections.abc import Awaitable, Callable

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import update

from lumen.db.photos import Photo
from lumen.resources import Resources
from tests.members import Caller

Register = Callable[..., Awaitable[Caller]]
PARIS = (48.8606, 2.3376)


async def _photo(client: AsyncTestClient[Litestar], headers: dict[str, str]) -> str:
    await client.post("/v1/profiles", json={"display_name": "Owner"}, headers=headers)
    created = await client.post("/v1/photos", json={"title": "GPS"}, headers=headers)
    assert created.json()["location"]["precision"] == "hidden"
    photo_id: str = created.json()["id"]
    return photo_id


async def test_a_precision_alone_publishes_the_coordinates_from_the_file(
    client: AsyncTestClient[Litestar], db: Resources, register: Register, paris_city: int
) -> None:
    _, headers = await register()
    photo_id = await _photo(client, headers)
    # What processing does with a file's GPS when the photo has no location yet.
    async with db.sessions.begin() as session:
        await session.execute(
            update(Photo)
            .where(Photo.id == photo_id)
            .values(latitude=PARIS[0], longitude=PARIS[1], city_id=paris_city)
        )
    body = {"location": {"precision": "approximate"}}
    response = await client.patch(f"/v1/photos/{photo_id}", json=body, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["location"] == {
        "precision": "approximate",
        "city_id": paris_city,
        "latitude": PARIS[0],
        "longitude": PARIS[1],
    }
    city = await client.patch(
        f"/v1/photos/{photo_id}", json={"location": {"precision": "city"}}, headers=headers
    )
    assert city.json()["location"]["precision"] == "city"
    assert city.json()["location"]["latitude"] == PARIS[0]


async def test_a_precision_alone_with_nothing_held_names_what_to_send(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register()
    photo_id = await _photo(client, headers)
    body = {"location": {"precision": "approximate"}}
    response = await client.patch(f"/v1/photos/{photo_id}", json=body, headers=headers)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["location.precision"]
