"""Every visibility rule, for anonymous callers, followers, strangers and owners, with
follows resolved in the engine from the caller's token alone."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from tests.members import PARIS_ID, Caller
from tests.queries.world import add_person, add_photo, follow, fresh_indices, project

Client = AsyncTestClient[Litestar]
NOBODY: dict[str, str] = {}


@dataclass
class Circle:
    """An owner with public and followers-only photos, a closed (followers-only) profile,
    a follower of both, and a stranger."""

    owner: dict[str, str]
    follower: dict[str, str]
    stranger: dict[str, str]
    ids: dict[str, uuid.UUID]


@pytest.fixture
async def circle(db: Resources, register: Callable[..., Awaitable[Caller]]) -> Circle:
    await fresh_indices(db)
    (owner_uid, owner), (follower_uid, follower), (stranger_uid, stranger) = [
        await register() for _ in range(3)
    ]
    here: dict[str, Any] = {"city_id": PARIS_ID, "location_precision": "city"}
    ids = {
        "owner": await add_person(db, "Olivia Owner", uid=owner_uid, **here),
        "follower": await add_person(db, "Felix Follower", uid=follower_uid, **here),
        "stranger": await add_person(db, "Sam Stranger", uid=stranger_uid, **here),
        "closed": await add_person(db, "Clara Closed", visibility="followers", **here),
        "private": await add_person(db, "Pia Private", visibility="private", **here),
        "unlisted": await add_person(db, "Una Unlisted", discoverable=False, **here),
    }
    ids["public_photo"] = await add_photo(db, ids["owner"], "Open portrait")
    ids["followers_photo"] = await add_photo(
        db, ids["owner"], "Inner portrait", visibility="followers"
    )
    ids["closed_photo"] = await add_photo(db, ids["closed"], "Closed portrait")
    await follow(db, ids["follower"], ids["owner"])
    await follow(db, ids["follower"], ids["closed"])
    await project(db)
    return Circle(owner, follower, stranger, ids)


async def titles(client: Client, headers: dict[str, str]) -> set[str]:
    response = await client.get("/v1/search/photos", params={"q": "portrait"}, headers=headers)
    assert response.status_code == 200, response.text
    return {p["title"] for p in response.json()["items"]}


async def test_followers_only_photos_reach_followers_and_their_owner(
    client: Client, circle: Circle
) -> None:
    everyone = {"Open portrait"}
    assert await titles(client, NOBODY) == everyone
    assert await titles(client, circle.stranger) == everyone
    assert await titles(client, circle.follower) == everyone | {"Inner portrait", "Closed portrait"}
    assert await titles(client, circle.owner) == everyone | {"Inner portrait"}


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 404), ("stranger", 404), ("follower", 200), ("owner", 200)]
)
async def test_a_followers_only_photo_opens_for_followers_only(
    client: Client, circle: Circle, who: str, status: int
) -> None:
    headers = NOBODY if who == "anonymous" else getattr(circle, who)
    response = await client.get(f"/v1/photos/{circle.ids['followers_photo']}", headers=headers)
    assert response.status_code == status
    if status == 200:
        # Its file URLs are short-lived and never for shared caches.
        assert "scope=r" in response.json()["variants"][0]["url"]
        assert "private" in response.headers["cache-control"]


@pytest.mark.parametrize(
    ("profile", "anonymous", "follower"),
    [("closed", 404, 200), ("private", 404, 404), ("unlisted", 200, 200), ("owner", 200, 200)],
)
async def test_profile_pages_honour_visibility(
    client: Client, circle: Circle, profile: str, anonymous: int, follower: int
) -> None:
    path = f"/v1/profiles/{circle.ids[profile]}"
    assert (await client.get(path)).status_code == anonymous
    assert (await client.get(path, headers=circle.stranger)).status_code == anonymous
    assert (await client.get(path, headers=circle.follower)).status_code == follower


async def test_a_profile_page_revalidates_by_etag(client: Client, circle: Circle) -> None:
    path = f"/v1/profiles/{circle.ids['owner']}"
    first = await client.get(path)
    etag = first.headers["etag"]
    again = await client.get(path, headers={"if-none-match": etag})
    assert again.status_code == 304
    # Weak and listed validators match the same way (If-None-Match compares weakly).
    for sent in (f"W/{etag}", f'"stale", {etag}', f'"stale", W/{etag}', "*"):
        assert (await client.get(path, headers={"if-none-match": sent})).status_code == 304, sent
    assert (await client.get(path, headers={"if-none-match": '"stale"'})).status_code == 200


async def test_discover_leaves_out_the_viewer_and_whom_they_follow(
    client: Client, circle: Circle
) -> None:
    async def names(headers: dict[str, str]) -> set[str]:
        response = await client.get("/v1/discover", headers=headers)
        return {i["display_name"] for i in response.json()["items"]}

    assert await names(NOBODY) == {"Olivia Owner", "Felix Follower", "Sam Stranger"}
    assert await names(circle.follower) == {"Sam Stranger"}
    assert await names(circle.stranger) == {"Olivia Owner", "Felix Follower"}


async def test_search_lists_no_private_closed_or_unlisted_profile(
    client: Client, circle: Circle
) -> None:
    for headers in (NOBODY, circle.follower):
        response = await client.get(
            "/v1/search/profiles", params={"page_size": 50}, headers=headers
        )
        names = {i["display_name"] for i in response.json()["items"]}
        assert names == {"Olivia Owner", "Felix Follower", "Sam Stranger"}


async def test_no_coordinates_scores_or_sort_values_leave_the_api(
    client: Client, circle: Circle
) -> None:
    response = await client.get(
        "/v1/search/profiles", params={"near": "48.8566,2.3522", "sort": "distance", "page_size": 1}
    )
    text = response.text
    for leak in ('"lat"', '"lon"', 'location"', "_score", '"sort"', "48.85", "2.34"):
        assert leak not in text
    cursor = response.json()["next_cursor"]
    raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    for ident in circle.ids.values():
        assert str(ident).encode() not in raw
    again = await client.get(
        "/v1/search/profiles", params={"near": "48.8566,2.3522", "sort": "distance", "page_size": 1}
    )
    assert again.json()["next_cursor"] != cursor  # nothing to compare between cursors
