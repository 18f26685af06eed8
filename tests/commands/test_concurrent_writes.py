"""Truly concurrent writes to one aggregate, against a real server: with the same If-Match
one writer wins and the others learn their version is stale; without If-Match every write
is applied, one after the other, with consecutive versions. Never a 5xx."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from lumen.resources import Resources
from tests.live import LiveServer, create_profile
from tests.media.samples import encode_photo
from tests.members import Caller, outbox_events

Register = Callable[..., Awaitable[Caller]]
WRITERS = 10


async def _owner(http: httpx.AsyncClient, register: Register) -> tuple[str, dict[str, str]]:
    _, headers = await register()
    return await create_profile(http, headers), headers


async def _photo(http: httpx.AsyncClient, headers: dict[str, str]) -> str:
    created = await http.post("/v1/photos", json={"title": "t"}, headers=headers)
    assert created.status_code == 201, created.text
    photo_id: str = created.json()["id"]
    return photo_id


def _versions(responses: list[httpx.Response], status: int = 200) -> list[int]:
    assert [r.status_code for r in responses] == [status] * len(responses), [
        (r.status_code, r.text[:200]) for r in responses
    ]
    return sorted(int(r.json()["version"]) for r in responses)


def _last(responses: list[httpx.Response]) -> dict[str, Any]:
    latest: dict[str, Any] = max((r.json() for r in responses), key=lambda body: body["version"])
    return latest


async def test_writers_with_the_same_if_match_get_one_200_and_the_rest_412(
    live_server: LiveServer, db: Resources, register: Register
) -> None:
    async with live_server.client() as http:
        profile_id, headers = await _owner(http, register)
        guarded = {**headers, "if-match": '"1"'}
        responses = await asyncio.gather(
            *(
                http.patch(f"/v1/profiles/{profile_id}", json={"bio": f"take {n}"}, headers=guarded)
                for n in range(WRITERS)
            )
        )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [412] * (WRITERS - 1), [r.text[:200] for r in responses]
    stale = [r.json() for r in responses if r.status_code == 412]
    assert {problem["type"] for problem in stale} == {"/problems/stale-version"}
    assert [e[2:] for e in await outbox_events(db)] == [
        (1, "ProfileCreated"),
        (2, "ProfileUpdated"),
    ]


async def test_profile_patches_without_if_match_all_apply_in_order(
    live_server: LiveServer, db: Resources, register: Register
) -> None:
    async with live_server.client() as http:
        profile_id, headers = await _owner(http, register)
        url = f"/v1/profiles/{profile_id}"
        responses = await asyncio.gather(
            *(http.patch(url, json={"bio": f"take {n}"}, headers=headers) for n in range(WRITERS))
        )
        assert _versions(responses) == list(range(2, WRITERS + 2))
        mine = (await http.get("/v1/me/profile", headers=headers)).json()
    assert (mine["version"], mine["bio"]) == (WRITERS + 1, _last(responses)["bio"])
    updates = [e[2] for e in await outbox_events(db) if e[3] == "ProfileUpdated"]
    assert updates == list(range(2, WRITERS + 2))


async def test_parallel_specialties_puts_all_apply_in_order(
    live_server: LiveServer, register: Register
) -> None:
    choices = ["portrait", "fashion", "wedding", "street", "editorial", "commercial"]
    async with live_server.client() as http:
        profile_id, headers = await _owner(http, register)
        url = f"/v1/profiles/{profile_id}/specialties"
        responses = await asyncio.gather(
            *(
                http.put(url, json={"specialties": choices[n % 6 : n % 6 + 2]}, headers=headers)
                for n in range(WRITERS)
            )
        )
        assert _versions(responses) == list(range(2, WRITERS + 2))
        mine = (await http.get("/v1/me/profile", headers=headers)).json()
    assert mine["specialties"] == _last(responses)["specialties"]


async def test_parallel_photo_patches_all_apply_in_order(
    live_server: LiveServer, db: Resources, register: Register
) -> None:
    async with live_server.client() as http:
        _, headers = await _owner(http, register)
        photo_id = await _photo(http, headers)
        responses = await asyncio.gather(
            *(
                http.patch(f"/v1/photos/{photo_id}", json={"title": f"take {n}"}, headers=headers)
                for n in range(WRITERS)
            )
        )
        assert _versions(responses) == list(range(2, WRITERS + 2))
        mine = (await http.get(f"/v1/me/photos/{photo_id}", headers=headers)).json()
    assert mine["title"] == _last(responses)["title"]
    updates = [e[2] for e in await outbox_events(db) if e[1] == photo_id and e[3] == "PhotoUpdated"]
    assert updates == list(range(2, WRITERS + 2))


async def test_parallel_uploads_of_different_files_all_apply_in_order(
    live_server: LiveServer, db: Resources, register: Register
) -> None:
    files = [encode_photo("JPEG", (200 + n, 150)) for n in range(WRITERS)]
    async with live_server.client() as http:
        _, headers = await _owner(http, register)
        photo_id = await _photo(http, headers)
        upload = {**headers, "content-type": "application/octet-stream"}
        responses = await asyncio.gather(
            *(http.put(f"/v1/photos/{photo_id}/original", content=f, headers=upload) for f in files)
        )
    assert _versions(responses, 202) == list(range(2, WRITERS + 2))
    uploads = [
        e[2] for e in await outbox_events(db) if e[1] == photo_id and e[3] == "PhotoUploaded"
    ]
    assert uploads == list(range(2, WRITERS + 2))


async def test_concurrent_retries_of_one_keyed_post_create_one_photo(
    live_server: LiveServer, db: Resources, register: Register
) -> None:
    async with live_server.client() as http:
        _, headers = await _owner(http, register)
        keyed = {**headers, "idempotency-key": "one-photo"}
        responses = await asyncio.gather(
            *(http.post("/v1/photos", json={"title": "once"}, headers=keyed) for _ in range(5))
        )
    assert [r.status_code for r in responses] == [201] * 5, [r.text[:200] for r in responses]
    assert len({r.json()["id"] for r in responses}) == 1
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in responses) == 4
    assert [e[3] for e in await outbox_events(db)].count("PhotoCreated") == 1
