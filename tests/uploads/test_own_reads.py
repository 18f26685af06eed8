"""Reading one's own photos: nobody else learns that a photo exists by asking for it, and
a suspended owner still reads what is theirs (suspension refuses writes only)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from lumen.settings import Settings
from tests.auth.people import registered, with_claims
from tests.media.samples import encode_photo
from tests.uploads.flow import Owner, original_key, run_job

NewOwner = Callable[[], Awaitable[Owner]]


@pytest.mark.parametrize("path", ["/v1/photos/{id}/original", "/v1/me/photos/{id}"])
async def test_another_members_private_photo_answers_as_an_unknown_one(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner, path: str
) -> None:
    me, stranger = await owner(), await owner()
    photo_id = await me.new_photo(visibility="private")
    await me.uploaded(photo_id, encode_photo("JPEG"))

    theirs = await client.get(path.format(id=photo_id), headers=stranger.headers)
    unknown = await client.get(path.format(id=uuid.uuid4()), headers=stranger.headers)
    assert (theirs.status_code, unknown.status_code) == (404, 404)
    assert theirs.json()["type"] == unknown.json()["type"] == "/problems/not-found"
    assert (await client.get(path.format(id=photo_id), headers=me.headers)).status_code == 200


async def test_a_suspended_owner_reads_their_photo_and_its_original_but_cannot_change_it(
    client: AsyncTestClient[Litestar], db: Resources, settings: Settings, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    data = encode_photo("JPEG")
    await me.uploaded(photo_id, data)
    await run_job(db, photo_id, await original_key(db, photo_id))
    uid = (await client.get("/v1/me", headers=me.headers)).json()["uid"]
    admin = await with_claims(settings, await registered(client, settings), {"admin": True})
    suspended = await client.post(
        f"/v1/moderation/users/{uid}/suspend", json={"reason": "spam"}, headers=admin.headers
    )
    assert suspended.status_code == 201

    mine = await client.get(f"/v1/me/photos/{photo_id}", headers=me.headers)
    assert (mine.status_code, mine.json()["status"]) == (200, "ready")
    original = await client.get(f"/v1/photos/{photo_id}/original", headers=me.headers)
    assert (original.status_code, original.content) == (200, data)
    refused = await client.patch(f"/v1/photos/{photo_id}", json={"title": "x"}, headers=me.headers)
    assert refused.status_code == 403
    assert refused.json()["type"] == "/problems/account-suspended"
