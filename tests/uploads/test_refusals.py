import time
from collections.abc import Awaitable, Callable

from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.resources import Resources
from lumen.settings import Settings
from tests.media.samples import encode_photo, files_under
from tests.media.test_refusals import PDF, png_header_only
from tests.uploads.asgi import endless, put_streamed
from tests.uploads.flow import Owner, events_of, original_key, run_job

NewOwner = Callable[[], Awaitable[Owner]]
MiB = 1024 * 1024


async def test_a_corrupt_file_ends_failed_with_a_reason_and_leaves_other_photos_alone(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner
) -> None:
    me = await owner()
    broken, fine = await me.new_photo(), await me.new_photo()
    whole = encode_photo("JPEG")
    await me.uploaded(broken, whole[: len(whole) // 3])
    await me.uploaded(fine, whole)

    assert await run_job(db, broken, await original_key(db, broken)) == "failed"
    assert await run_job(db, fine, await original_key(db, fine)) == "processed"

    failed = await me.photo(broken)
    assert failed["status"] == "failed"
    assert "damaged" in failed["failure_reason"]
    assert failed["variants"] == []
    assert (await events_of(db, broken))[-1] == (3, "PhotoFailed")
    assert (await me.photo(fine))["status"] == "ready"


async def test_a_small_file_declaring_a_huge_image_fails_fast_with_the_pixel_limit(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    await me.uploaded(photo_id, png_header_only(50_000, 50_000))
    started = time.perf_counter()
    assert await run_job(db, photo_id, await original_key(db, photo_id)) == "failed"
    assert time.perf_counter() - started < 1.0
    assert "100 MP" in (await me.photo(photo_id))["failure_reason"]


async def test_a_pdf_named_jpg_is_refused_with_415_and_nothing_is_stored(
    client: AsyncTestClient[Litestar], db: Resources, settings: Settings, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    before = set(files_under(settings.media_dir))
    response = await client.put(
        f"/v1/photos/{photo_id}/original",
        content=PDF,
        headers={**me.headers, "content-type": "image/jpeg", "x-filename": "holiday.jpg"},
    )
    assert response.status_code == 415
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"] == "/problems/unsupported-media-type"
    assert set(files_under(settings.media_dir)) == before
    assert (await me.photo(photo_id))["status"] == "draft"


async def test_an_announced_oversize_body_is_refused_before_a_byte_is_read(
    client: AsyncTestClient[Litestar], settings: Settings, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    pulled: list[int] = []
    status, body = await put_streamed(
        client,
        f"/v1/photos/{photo_id}/original",
        {**me.headers, "content-length": str(settings.max_upload_bytes + 1)},
        endless(encode_photo("JPEG", (60, 40)), MiB, pulled),
    )
    assert status == 413, body
    assert b"/problems/upload-too-large" in body
    assert pulled == []


async def test_an_endless_body_is_cut_off_just_past_the_cap_without_being_buffered(
    client: AsyncTestClient[Litestar], settings: Settings, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    before = set(files_under(settings.media_dir))
    pulled: list[int] = []
    status, body = await put_streamed(
        client,
        f"/v1/photos/{photo_id}/original",
        me.headers,
        endless(encode_photo("JPEG", (60, 40)), MiB, pulled),
    )
    assert status == 413, body
    assert len(pulled) <= settings.max_upload_bytes // MiB + 2
    assert set(files_under(settings.media_dir)) == before
    assert (await me.photo(photo_id))["status"] == "draft"


async def test_only_the_owner_may_upload(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner
) -> None:
    me, someone = await owner(), await owner()
    photo_id = await me.new_photo()
    refused = await someone.upload(photo_id, encode_photo("JPEG"))
    assert refused.status_code == 403
    assert refused.json()["type"] == "/problems/not-owner"
    anonymous = await client.put(f"/v1/photos/{photo_id}/original", content=b"x")
    assert anonymous.status_code == 401
    assert (await me.photo(photo_id))["status"] == "draft"
    assert await events_of(db, photo_id) == [(1, "PhotoCreated")]
