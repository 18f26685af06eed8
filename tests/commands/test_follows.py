from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from tests.members import Register, outbox_events


async def _profile(
    client: AsyncTestClient[Litestar], register: Register, **extra: object
) -> tuple[str, dict[str, str]]:
    _, headers = await register()
    body = {"display_name": "F", **extra}
    return (await client.post("/v1/profiles", json=body, headers=headers)).json()["id"], headers


async def test_following_is_idempotent_and_moves_both_counters_once(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    me, headers = await _profile(client, register)
    them, their_headers = await _profile(client, register)
    first = await client.post("/v1/follows", json={"profile_id": them}, headers=headers)
    again = await client.post("/v1/follows", json={"profile_id": them}, headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    mine = (await client.get("/v1/me/profile", headers=headers)).json()
    theirs = (await client.get("/v1/me/profile", headers=their_headers)).json()
    assert (mine["following_count"], theirs["followers_count"]) == (1, 1)
    events = [(e[1], e[3]) for e in await outbox_events(db) if e[3] not in {"ProfileCreated"}]
    assert events == [(me, "ProfileFollowed"), (them, "FollowerAdded")]


async def test_unfollowing_twice_is_harmless(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await _profile(client, register)
    them, _ = await _profile(client, register)
    await client.post("/v1/follows", json={"profile_id": them}, headers=headers)
    assert (await client.delete(f"/v1/follows/{them}", headers=headers)).status_code == 204
    assert (await client.delete(f"/v1/follows/{them}", headers=headers)).status_code == 204
    assert (await client.get("/v1/me/profile", headers=headers)).json()["following_count"] == 0
    assert [e[3] for e in await outbox_events(db)].count("ProfileUnfollowed") == 1


async def test_nobody_follows_themselves(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    me, headers = await _profile(client, register)
    response = await client.post("/v1/follows", json={"profile_id": me}, headers=headers)
    assert response.status_code == 422


async def test_a_private_profile_cannot_be_followed(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await _profile(client, register)
    hidden, _ = await _profile(client, register, visibility="private")
    response = await client.post("/v1/follows", json={"profile_id": hidden}, headers=headers)
    assert response.status_code == 404


async def test_deleting_a_profile_moves_the_counters_of_those_it_followed(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    me, headers = await _profile(client, register)
    them, their_headers = await _profile(client, register)
    await client.post("/v1/follows", json={"profile_id": them}, headers=headers)
    assert (await client.delete(f"/v1/profiles/{me}", headers=headers)).status_code == 204
    assert (await client.get("/v1/me/profile", headers=their_headers)).json()[
        "followers_count"
    ] == 0
    assert (them, "FollowerRemoved") in [(e[1], e[3]) for e in await outbox_events(db)]


async def test_being_followed_does_not_make_the_owners_if_match_stale(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await _profile(client, register)
    them, their_headers = await _profile(client, register)
    read = await client.get("/v1/me/profile", headers=their_headers)
    await client.post("/v1/follows", json={"profile_id": them}, headers=headers)
    edited = await client.patch(
        f"/v1/profiles/{them}",
        json={"bio": "edited after a follow"},
        headers={**their_headers, "if-match": read.headers["etag"]},
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["followers_count"] == 1
