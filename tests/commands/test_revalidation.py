"""The owner's views answer If-None-Match as the public views do: a weak, a listed or a
`*` validator naming the current ETag is a 304; a photo's ETag moves with its version and
with its variants' signed URLs, so a 304 never keeps URLs that were signed anew."""

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import update

from lumen.db.photos import Photo
from lumen.resources import Resources
from tests.members import Register

Client = AsyncTestClient[Litestar]
VARIANT = {"key": "a" * 64 + ".webp", "width": 320, "height": 213, "media_type": "image/webp"}


def _sent(etag: str) -> list[str]:
    return [etag, f"W/{etag}", f'"stale", {etag}', f'"stale", W/{etag}', "*"]


async def _revalidated(client: Client, path: str, headers: dict[str, str]) -> str:
    """The ETag, after checking every form of If-None-Match that names it."""
    first = await client.get(path, headers=headers)
    assert first.status_code == 200, first.text
    etag = first.headers["etag"]
    for sent in _sent(etag):
        again = await client.get(path, headers={**headers, "if-none-match": sent})
        assert (again.status_code, again.content) == (304, b""), sent
        assert again.headers["etag"] == etag
    stale = await client.get(path, headers={**headers, "if-none-match": '"stale"'})
    assert stale.status_code == 200
    return etag


async def test_my_profile_revalidates_until_it_changes(
    client: Client, db: Resources, register: Register
) -> None:
    _, headers = await register()
    created = await client.post("/v1/profiles", json={"display_name": "R"}, headers=headers)
    etag = await _revalidated(client, "/v1/me/profile", headers)
    assert etag == created.headers["etag"] == '"1"'
    await client.patch(f"/v1/profiles/{created.json()['id']}", json={"bio": "b"}, headers=headers)
    changed = await client.get("/v1/me/profile", headers={**headers, "if-none-match": etag})
    assert (changed.status_code, changed.headers["etag"]) == (200, '"2"')


@pytest.mark.parametrize("visibility", ["public", "followers"])
async def test_my_photo_revalidates_by_version_and_url_expiry(
    client: Client, db: Resources, register: Register, visibility: str
) -> None:
    _, headers = await register()
    await client.post("/v1/profiles", json={"display_name": "R"}, headers=headers)
    created = await client.post("/v1/photos", json={"visibility": visibility}, headers=headers)
    path = f"/v1/me/photos/{created.json()['id']}"
    assert await _revalidated(client, path, headers) == '"1"'  # no variants, no URLs
    async with db.sessions.begin() as session:
        await session.execute(
            update(Photo).where(Photo.id == created.json()["id"]).values(variants=[VARIANT])
        )
    etag = await _revalidated(client, path, headers)
    version, until = etag.strip('"').split("-")
    read = (await client.get(path, headers=headers)).json()
    assert version == str(read["version"])
    assert f"exp={until}&" in read["variants"][0]["url"]
    # If-Match still names the version alone or the whole ETag.
    patched = await client.patch(
        f"/v1/photos/{read['id']}", json={"title": "t"}, headers={**headers, "if-match": etag}
    )
    assert patched.status_code == 200, patched.text
    assert (await client.get(path, headers={**headers, "if-none-match": etag})).status_code == 200
