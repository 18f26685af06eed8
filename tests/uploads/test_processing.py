import io
from collections.abc import Awaitable, Callable
from datetime import datetime

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from PIL import ExifTags, Image

from lumen.resources import Resources
from lumen.settings import Settings
from tests.media.samples import BACKGROUND, MARKER, SERIAL, XMP, camera_exif, encode_photo
from tests.uploads.flow import Owner, events_of, exif_tags, original_key, run_job, run_worker

NewOwner = Callable[[], Awaitable[Owner]]
PARIS_GPS: dict[int, object] = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (48.0, 51.0, 30.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (2.0, 21.0, 0.0),
}


def near(pixel: object, colour: tuple[int, int, int]) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(a - b) < 40 for a, b in zip(pixel, colour, strict=False))


async def test_an_upload_is_accepted_as_processing_and_a_worker_makes_it_ready(
    client: AsyncTestClient[Litestar], db: Resources, settings: Settings, owner: NewOwner
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    accepted = await me.uploaded(photo_id, encode_photo("JPEG"))
    assert (accepted["status"], accepted["variants"]) == ("processing", [])
    assert await events_of(db, photo_id) == [(1, "PhotoCreated"), (2, "PhotoUploaded")]

    await run_worker(settings)

    photo = await me.photo(photo_id)
    assert photo["status"] == "ready", photo["failure_reason"]
    # Stored 600 x 400 with orientation 6: shown upright it is 400 x 600.
    assert (photo["width"], photo["height"]) == (400, 600)
    assert photo["placeholder"].startswith("#")
    assert await events_of(db, photo_id) == [
        (1, "PhotoCreated"),
        (2, "PhotoUploaded"),
        (3, "PhotoProcessed"),
    ]


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF"])
async def test_served_variants_have_their_type_and_size_and_no_metadata(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner, fmt: str
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    await me.uploaded(photo_id, encode_photo(fmt))
    assert await run_job(db, photo_id, await original_key(db, photo_id)) == "processed"

    variants = (await me.photo(photo_id))["variants"]
    assert {(v["media_type"], max(v["width"], v["height"])) for v in variants} == {
        (media_type, edge) for media_type in ("image/webp", "image/jpeg") for edge in (600, 320)
    }
    for variant in variants:
        # Anonymous: the signed URL is all it takes.
        response = await client.get(variant["url"])
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == variant["media_type"]
        served = response.content
        image = Image.open(io.BytesIO(served))
        assert image.size == (variant["width"], variant["height"])
        assert exif_tags(served) == {}
        assert not image.getexif()
        for marker in (b"Exif", XMP, SERIAL.encode(), b"Canon", b"GPS"):
            assert marker not in served
        # Turned upright: the marker stored top-left is on screen top-right.
        pixels = image.convert("RGB")
        inset = max(2, pixels.width // 20)
        assert near(pixels.getpixel((pixels.width - inset, inset)), MARKER)
        assert near(pixels.getpixel((inset, inset)), BACKGROUND)


async def test_exif_is_kept_without_gps_which_becomes_a_location_hidden_by_default(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner, paris_city: int
) -> None:
    me = await owner()
    photo_id = await me.new_photo()
    await me.uploaded(photo_id, encode_photo("JPEG", exif=camera_exif(gps=PARIS_GPS)))
    await run_job(db, photo_id, await original_key(db, photo_id))

    photo = await me.photo(photo_id)
    assert photo["exif"]["make"] == "Canon"
    assert photo["exif"]["iso"] == 400
    assert not {"latitude", "longitude"} & photo["exif"].keys()
    location = photo["location"]
    # Created without a location, the photo stays hidden: the owner decides to show it.
    assert location["precision"] == "hidden"
    assert location["city_id"] == paris_city
    assert location["latitude"] == pytest.approx(48.858, abs=1e-3)
    # Which is what others see: no place at all.
    assert photo["place"] == dict.fromkeys(("city_id", "city", "country_code", "country")) | {
        "precision": "hidden"
    }
    # 18:30:05 at +02:00 on the camera.
    assert datetime.fromisoformat(photo["taken_at"]) == datetime.fromisoformat(
        "2024-06-01T16:30:05+00:00"
    )


async def test_the_owners_location_and_capture_time_win_over_the_files(
    client: AsyncTestClient[Litestar], db: Resources, owner: NewOwner, paris_city: int
) -> None:
    me = await owner()
    photo_id = await me.new_photo(
        taken_at="2020-01-02T03:04:05Z",
        location={"precision": "approximate", "latitude": 45.76, "longitude": 4.84},
    )
    await me.uploaded(photo_id, encode_photo("JPEG", exif=camera_exif(gps=PARIS_GPS)))
    await run_job(db, photo_id, await original_key(db, photo_id))

    photo = await me.photo(photo_id)
    assert photo["status"] == "ready"
    assert (photo["location"]["precision"], photo["location"]["latitude"]) == (
        "approximate",
        45.76,
    )
    assert datetime.fromisoformat(photo["taken_at"]) == datetime.fromisoformat(
        "2020-01-02T03:04:05+00:00"
    )
