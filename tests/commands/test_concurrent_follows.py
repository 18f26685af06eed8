"""Many members following one profile at the same moment, against a real server: every
follow succeeds (no deadlock between the follows row's foreign-key locks and the counter
update) and the counters come out exact."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import httpx

from lumen.resources import Resources
from tests.live import LiveServer, create_profile
from tests.members import Caller, outbox_events

Register = Callable[..., Awaitable[Caller]]
FOLLOWERS = 6


async def _member(http: httpx.AsyncClient, register: Register) -> tuple[str, dict[str, str]]:
    _, headers = await register()
    return await create_profile(http, headers), headers


async def test_six_members_following_one_profile_at_once_all_succeed_with_exact_counts(
    live_server: LiveServer, db: Resources, register: Register
) -> None:
    async with live_server.client() as http:
        star, star_headers = await _member(http, register)
        fans = [await _member(http, register) for _ in range(FOLLOWERS)]
        responses = await asyncio.gather(
            *(http.post("/v1/follows", json={"profile_id": star}, headers=h) for _, h in fans)
        )
        assert [r.status_code for r in responses] == [201] * FOLLOWERS, [r.text for r in responses]
        theirs = (await http.get("/v1/me/profile", headers=star_headers)).json()
        following = [
            (await http.get("/v1/me/profile", headers=h)).json()["following_count"] for _, h in fans
        ]
    assert theirs["followers_count"] == FOLLOWERS
    assert following == [1] * FOLLOWERS
    added = [e[2] for e in await outbox_events(db) if e[1] == star and e[3] == "FollowerAdded"]
    # Each follow moved the star's document version once: no two events share one.
    assert sorted(added) == list(range(2, FOLLOWERS + 2))


async def test_members_following_each_other_at_once_all_succeed(
    live_server: LiveServer, register: Register
) -> None:
    async with live_server.client() as http:
        members = [await _member(http, register) for _ in range(4)]
        responses = await asyncio.gather(
            *(
                http.post("/v1/follows", json={"profile_id": other}, headers=headers)
                for mine, headers in members
                for other, _ in members
                if other != mine
            )
        )
        assert [r.status_code for r in responses] == [201] * 12, [r.text for r in responses]
        counts = [(await http.get("/v1/me/profile", headers=h)).json() for _, h in members]
    assert {(c["followers_count"], c["following_count"]) for c in counts} == {(3, 3)}
