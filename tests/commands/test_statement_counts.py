"""Handlers issue a bounded number of statements however long the lists they touch are."""

from collections.abc import Iterator
from contextlib import contextmanager

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import event

from lumen.resources import Resources
from tests.members import Register


@contextmanager
def counting(resources: Resources) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    engine = resources.db.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def test_setting_ten_specialties_costs_what_setting_one_does(
    client: AsyncTestClient[Litestar], app: Litestar, db: Resources, register: Register
) -> None:
    _, headers = await register()
    profile = (
        await client.post("/v1/profiles", json={"display_name": "S"}, headers=headers)
    ).json()
    url = f"/v1/profiles/{profile['id']}/specialties"
    app_resources = app.state.resources
    with counting(app_resources) as one:
        await client.put(url, json={"specialties": ["portrait"]}, headers=headers)
    many = [
        "portrait",
        "fashion",
        "wedding",
        "street",
        "editorial",
        "commercial",
        "fine-art",
        "sports",
        "beauty",
        "event",
    ]
    with counting(app_resources) as ten:
        response = await client.put(url, json={"specialties": many}, headers=headers)
    assert response.status_code == 200
    assert 0 < len(ten) == len(one)


async def test_deleting_a_profile_costs_the_same_with_many_photos_and_follows(
    client: AsyncTestClient[Litestar], app: Litestar, db: Resources, register: Register
) -> None:
    async def profile_with(photos: int, followers: int) -> tuple[str, dict[str, str]]:
        _, headers = await register()
        pid = (
            await client.post("/v1/profiles", json={"display_name": "D"}, headers=headers)
        ).json()["id"]
        for _ in range(photos):
            await client.post("/v1/photos", json={"title": "p"}, headers=headers)
        for _ in range(followers):
            _, fan = await register()
            await client.post("/v1/profiles", json={"display_name": "fan"}, headers=fan)
            await client.post("/v1/follows", json={"profile_id": pid}, headers=fan)
        return pid, headers

    small, small_headers = await profile_with(0, 0)
    large, large_headers = await profile_with(6, 3)
    with counting(app.state.resources) as few:
        assert (
            await client.delete(f"/v1/profiles/{small}", headers=small_headers)
        ).status_code == 204
    with counting(app.state.resources) as lots:
        assert (
            await client.delete(f"/v1/profiles/{large}", headers=large_headers)
        ).status_code == 204
    assert 0 < len(lots) == len(few)
