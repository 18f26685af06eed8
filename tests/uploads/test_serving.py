import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.media.urls import variant_url
from lumen.resources import Resources
from lumen.settings import Settings
from tests.media.samples import encode_photo
from tests.uploads.flow import Owner, key_of, original_key, run_job

NewOwner = Callable[[], Awaitable[Owner]]


async def ready_photo(db: Resources, me: Owner, data: bytes, **metadata: Any) -> dict[str, Any]:
    photo_id = await me.new_photo(**metadata)
    await me.uploaded(photo_id, data)
    await run_job(db, photo_id, await original_key(db, photo_id))
    return await me.photo(photo_id)


async def test_public_variants_are_cached_for_a_year_under_a_content_etag(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner
) -> None:
    photo = await ready_photo(db, await owner(), encode_photo("JPEG"))
    variant = photo["variants"][0]
    response = await client.get(variant["url"])
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["etag"] == f'"{key_of(variant).split(".")[0]}"'
    again = await client.get(variant["url"], headers={"if-none-match": response.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""


async def test_followers_only_variants_get_short_private_urls(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner
) -> None:
    photo = await ready_photo(db, await owner(), encode_photo("JPEG"), visibility="followers")
    url = photo["variants"][0]["url"]
    assert "scope=r" in url
    response = await client.get(url)
    assert response.status_code == 200
    cache = response.headers["cache-control"]
    assert cache.startswith("private, max-age=")
    assert int(cache.split("max-age=")[1].split(",")[0]) <= 20 * 60


def _tampered(url: str, name: str, value: str) -> str:
    path, query = url.split("?")
    params = dict(part.split("=", 1) for part in query.split("&"))
    params[name] = value
    return path + "?" + "&".join(f"{k}={v}" for k, v in params.items())


@pytest.mark.parametrize(
    ("name", "value"),
    [("sig", "A" * 27), ("exp", "4102444800"), ("scope", "p"), ("sig", "")],
)
async def test_a_tampered_url_is_refused(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner, name: str, value: str
) -> None:
    photo = await ready_photo(db, await owner(), encode_photo("JPEG"), visibility="followers")
    response = await client.get(_tampered(photo["variants"][0]["url"], name, value))
    assert response.status_code == 403
    assert response.json()["type"] == "/problems/media-url-invalid"


async def test_a_signature_does_not_open_another_file(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner
) -> None:
    photo = await ready_photo(db, await owner(), encode_photo("JPEG"))
    first, second = photo["variants"][0], photo["variants"][1]
    swapped = first["url"].replace(key_of(first), key_of(second))
    assert (await client.get(swapped)).status_code == 403


async def test_an_expired_url_is_refused(
    client: AsyncTestClient[Litestar], db: Resources, settings: Settings, owner: NewOwner
) -> None:
    photo = await ready_photo(db, await owner(), encode_photo("JPEG"), visibility="followers")
    key = key_of(photo["variants"][0])
    long_ago = time.time() - 3600
    response = await client.get(variant_url(settings.secret_key, key, "followers", long_ago))
    assert response.status_code == 403
    assert response.json()["type"] == "/problems/media-url-expired"


async def test_a_validly_signed_url_for_a_missing_or_bogus_key_is_not_found(
    client: AsyncTestClient[Litestar], db: Resources, settings: Settings
) -> None:
    for key in ("0" * 64 + ".webp", "passwd.jpg"):
        response = await client.get(variant_url(settings.secret_key, key, "public"))
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")


async def test_the_original_goes_to_its_owner_only(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner
) -> None:
    me, someone = await owner(), await owner()
    original = encode_photo("JPEG")
    photo = await ready_photo(db, me, original)
    url = f"/v1/photos/{photo['id']}/original"
    mine = await client.get(url, headers=me.headers)
    assert mine.status_code == 200
    assert mine.content == original
    assert mine.headers["content-type"] == "image/jpeg"
    assert mine.headers["cache-control"] == "private, no-cache"
    # To anyone else it is as unknown as a photo that never was.
    assert (await client.get(url, headers=someone.headers)).status_code == 404
    assert (await client.get(url)).status_code == 401
