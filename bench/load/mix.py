"""The mix one virtual user draws from: what members do in the app, weighted as a day of it
might be (mostly searching and looking, some editing, following and uploading)."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import msgspec

from bench.load.tally import Tally
from bench.load.world import JSON, Member, World
from lumen.seed import vocabulary as words
from lumen.seed.demo import demo_photo
from lumen.seed.images import demo_jpeg

# A phone's share-sized picture: small, but decoded, resized and encoded for real.
UPLOAD_SIZE = (800, 533)
WORDS = [
    *words.FIRST_NAMES,
    *words.LAST_NAMES,
    *(s.replace("-", " ") for s in words.SPECIALTIES),
    "portrait photographer",
    "fashion model",
]
PHOTO_WORDS = [*words.PHOTO_SUBJECTS, *words.TAGS, *words.LIGHT]


@dataclass
class User:
    http: httpx.AsyncClient
    world: World
    member: Member
    rng: random.Random
    tally: Tally
    # Whether this user browses signed in (every read then verifies a token).
    signed_in: bool

    async def call(
        self, route: str, method: str, url: str, *, auth: bool = False, **options: Any
    ) -> httpx.Response | None:
        headers = {**self.member.headers} if auth or self.signed_in else {}
        headers.update(options.pop("headers", {}))
        started = time.perf_counter()
        try:
            response = await self.http.request(method, url, headers=headers, **options)
        except httpx.TransportError as exc:
            self.tally.record(route, type(exc).__name__, (time.perf_counter() - started) * 1000)
            return None
        self.tally.record(route, response.status_code, (time.perf_counter() - started) * 1000)
        return response

    def near(self) -> str:
        city = self.rng.choice(self.world.cities)
        lat = city.latitude + self.rng.uniform(-0.05, 0.05)
        lon = city.longitude + self.rng.uniform(-0.05, 0.05)
        return f"{lat:.4f},{lon:.4f}"


async def search_profiles(u: User) -> None:
    params: dict[str, Any] = {"q": u.rng.choice(WORDS)}
    if u.rng.random() < 0.3:
        params["role"] = u.rng.choice(["photographer", "model"])
    if u.rng.random() < 0.3:
        params["near"] = u.near()
    await u.call("GET /v1/search/profiles", "GET", "/v1/search/profiles", params=params)


async def search_photos(u: User) -> None:
    params = {"q": u.rng.choice(PHOTO_WORDS)}
    await u.call("GET /v1/search/photos", "GET", "/v1/search/photos", params=params)


async def discover(u: User) -> None:
    await u.call("GET /v1/discover", "GET", "/v1/discover", params={"near": u.near()})


async def nearby(u: User) -> None:
    params = {"near": u.near(), "radius_km": u.rng.choice([5, 10, 25, 50])}
    await u.call("GET /v1/nearby", "GET", "/v1/nearby", params=params)


async def suggest(u: User) -> None:
    typed = u.rng.choice([*WORDS, *(c.name for c in u.world.cities)])
    prefix = typed[: u.rng.randint(2, 5)]
    await u.call("GET /v1/suggest", "GET", "/v1/suggest", params={"q": prefix})


async def map_clusters(u: User) -> None:
    lat, lon = (float(part) for part in u.near().split(","))
    zoom = u.rng.randint(4, 11)
    half = 180 / 2**zoom * 2  # a viewport a few tiles of its zoom wide
    west, east = max(-180.0, lon - half), min(180.0, lon + half)
    south, north = max(-90.0, lat - half / 2), min(90.0, lat + half / 2)
    params = {"bbox": f"{west:.4f},{south:.4f},{east:.4f},{north:.4f}", "zoom": zoom}
    await u.call("GET /v1/map/clusters", "GET", "/v1/map/clusters", params=params)


async def view_profile(u: User) -> None:
    ident = u.rng.choice(u.world.profiles)
    await u.call("GET /v1/profiles/{id}", "GET", f"/v1/profiles/{ident}")


async def view_photo(u: User) -> None:
    """The photo, then its smallest picture, as a screen showing it would."""
    ident = u.rng.choice(u.world.photos)
    found = await u.call("GET /v1/photos/{id}", "GET", f"/v1/photos/{ident}")
    if found is None or found.status_code != 200 or not found.json()["variants"]:
        return
    smallest = min(found.json()["variants"], key=lambda v: v["width"] or 0)
    await u.call("GET /v1/media/{key}", "GET", smallest["url"])


async def edit_profile(u: User) -> None:
    change = {"headline": f"{u.rng.choice(WORDS).title()} work, booking {u.rng.randint(1, 12)}"}
    url = f"/v1/profiles/{u.member.profile_id}"
    await u.call("PATCH /v1/profiles/{id}", "PATCH", url, auth=True, json=change)


async def create_photo(u: User) -> None:
    body = msgspec.json.encode(demo_photo(u.rng, u.member.city))
    made = await u.call(
        "POST /v1/photos", "POST", "/v1/photos", auth=True, content=body, headers=JSON
    )
    if made is not None and made.status_code == 201:
        u.member.drafts.append(made.json()["id"])


async def upload(u: User) -> None:
    """The file of a photo created earlier (one is created first if there is none)."""
    if not u.member.drafts:
        await create_photo(u)
    if not u.member.drafts:
        return
    ident = u.member.drafts.pop()
    # Drawn off the event loop, so that the requests in flight are not held up by it.
    picture = await asyncio.to_thread(demo_jpeg, random.Random(ident), UPLOAD_SIZE)
    kind = {"content-type": "application/octet-stream"}
    url = f"/v1/photos/{ident}/original"
    await u.call(
        "PUT /v1/photos/{id}/original", "PUT", url, auth=True, content=picture, headers=kind
    )


async def follow(u: User) -> None:
    target = u.rng.choice(u.world.profiles)
    body = {"profile_id": target}
    done = await u.call("POST /v1/follows", "POST", "/v1/follows", auth=True, json=body)
    if done is not None and done.status_code in (200, 201) and target not in u.member.following:
        u.member.following.append(target)


async def unfollow(u: User) -> None:
    if not u.member.following:
        await follow(u)
        return
    target = u.member.following.pop(u.rng.randrange(len(u.member.following)))
    await u.call("DELETE /v1/follows/{id}", "DELETE", f"/v1/follows/{target}", auth=True)


Operation = Callable[[User], Awaitable[None]]
# Out of 100 draws: 82 reads, 18 writes.
MIX: dict[Operation, int] = {
    search_profiles: 12,
    search_photos: 10,
    discover: 8,
    nearby: 8,
    suggest: 14,
    map_clusters: 6,
    view_profile: 12,
    view_photo: 12,
    edit_profile: 6,
    create_photo: 3,
    upload: 3,
    follow: 4,
    unfollow: 2,
}
