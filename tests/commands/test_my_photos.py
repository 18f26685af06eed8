"""`GET /v1/me/photos`: the owner's photos in every state, newest first, a page at a time,
narrowed by status; nobody else's."""

from collections.abc import Awaitable, Callable

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import update

from lumen.db.photos import Photo
from lumen.resources import Resources
from tests.members import Caller

Register = Callable[..., Awaitable[Caller]]


async def _photos(client: AsyncTestClient[Litestar], headers: dict[str, str], n: int) -> list[str]:
    await client.post("/v1/profiles", json={"display_name": "Owner"}, headers=headers)
    ids = []
    for i in range(n):
        body = {"title": f"p{i}", "visibility": "private" if i == 0 else "public"}
        created = await client.post("/v1/photos", json=body, headers=headers)
        assert created.status_code == 201, created.text
        ids.append(created.json()["id"])
    return ids


async def test_lists_every_photo_of_the_owner_newest_first_in_pages(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register()
    ids = await _photos(client, headers, 3)
    _, stranger = await register()
    await _photos(client, stranger, 1)
    first = await client.get("/v1/me/photos?page_size=2", headers=headers)
    assert first.status_code == 200, first.text
    page = first.json()
    assert [p["id"] for p in page["items"]] == ids[:0:-1]
    rest = await client.get(
        f"/v1/me/photos?page_size=2&cursor={page['next_cursor']}", headers=headers
    )
    assert [p["id"] for p in rest.json()["items"]] == [ids[0]]  # the private draft too
    assert rest.json()["next_cursor"] is None


async def test_status_narrows_the_list(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register()
    ids = await _photos(client, headers, 3)
    async with db.sessions.begin() as session:
        await session.execute(
            update(Photo)
            .where(Photo.id == ids[1])
            .values(status="failed", failure_reason="damaged")
        )
    failed = await client.get("/v1/me/photos?status=failed", headers=headers)
    assert [(p["id"], p["failure_reason"]) for p in failed.json()["items"]] == [(ids[1], "damaged")]
    drafts = await client.get("/v1/me/photos?status=draft&status=failed", headers=headers)
    assert len(drafts.json()["items"]) == 3


async def test_a_bad_cursor_or_status_is_a_problem_naming_it(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register()
    for query, field in (("cursor=not-a-cursor", "cursor"), ("status=lost", "status")):
        response = await client.get(f"/v1/me/photos?{query}", headers=headers)
        assert response.status_code == 422, response.text
        assert [e["field"] for e in response.json()["errors"]] == [field]
