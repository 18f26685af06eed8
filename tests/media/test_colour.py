import io

import pytest
from PIL import Image, ImageCms

from lumen.media import process
from tests.media.samples import grey_icc


def encoded(image: Image.Image, fmt: str, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def served(data: bytes) -> list[Image.Image]:
    return [Image.open(io.BytesIO(variant.data)) for variant in process(data).variants]


def test_cmyk_jpeg_is_served_as_rgb() -> None:
    for image in served(encoded(Image.new("CMYK", (64, 48), (0, 255, 255, 0)), "JPEG")):
        assert image.mode == "RGB"
        red, green, blue = image.getpixel((32, 24))  # type: ignore[misc]
        assert red > 200
        assert max(green, blue) < 60


def test_grey_image_with_a_grey_profile_is_converted_to_srgb() -> None:
    data = encoded(Image.new("L", (64, 48), 128), "PNG", icc_profile=grey_icc())
    for image in served(data):
        assert image.mode == "RGB"
        srgb = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
        assert srgb.profile.xcolor_space.strip() == "RGB"
        assert abs(image.getpixel((32, 24))[0] - 128) < 8  # type: ignore[index]


def test_a_profile_that_does_not_fit_the_pixels_is_dropped() -> None:
    lab = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    for image in served(encoded(Image.new("L", (64, 48), 128), "PNG", icc_profile=lab)):
        assert image.mode == "RGB"
        assert "icc_profile" not in image.info


@pytest.mark.parametrize("mode", ["I;16", "P", "LA", "1"])
def test_unusual_pixel_modes_are_served(mode: str) -> None:
    for image in served(encoded(Image.new(mode, (64, 48)), "PNG")):
        assert image.mode in ("RGB", "RGBA")
        assert image.size == (64, 48)


def test_an_unreadable_colour_profile_is_dropped_not_fatal() -> None:
    data = encoded(Image.new("RGB", (64, 48), "green"), "JPEG", icc_profile=b"not a profile")
    for image in served(data):
        assert "icc_profile" not in image.info
