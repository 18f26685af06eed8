import io
from pathlib import Path

import exifread
import pytest
from PIL import Image

from lumen.media import Limits, MediaType, ProcessedImage, process
from tests.media.containers import jpeg_segments, riff_chunks
from tests.media.samples import BACKGROUND, MARKER, SERIAL, XMP, encode_photo, srgb_icc

SOURCE_FORMATS = ["JPEG", "PNG", "WEBP", "HEIF", "AVIF"]


def exif_tags(data: bytes) -> dict[str, object]:
    return dict(exifread.process_file(io.BytesIO(data), details=False))


def near(pixel: object, colour: tuple[int, int, int]) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(a - b) < 40 for a, b in zip(pixel, colour, strict=False))


@pytest.fixture(scope="module", params=SOURCE_FORMATS)
def processed(request: pytest.FixtureRequest) -> ProcessedImage:
    return process(encode_photo(request.param))


@pytest.mark.parametrize("fmt", SOURCE_FORMATS)
def test_source_photos_really_carry_the_metadata_to_scrub(fmt: str) -> None:
    source = encode_photo(fmt)
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(0x8825)
    assert XMP in source
    if fmt == "JPEG":
        assert 0xE1 in {marker for marker, _ in jpeg_segments(source)}
    if fmt == "WEBP":
        assert {b"EXIF", b"XMP "} <= set(riff_chunks(source))


def test_served_files_carry_no_exif_gps_xmp_or_serial(processed: ProcessedImage) -> None:
    for variant in processed.variants:
        assert exif_tags(variant.data) == {}
        assert not Image.open(io.BytesIO(variant.data)).getexif()
        for marker in (b"Exif", b"http://ns.adobe.com/xap", XMP, SERIAL.encode(), b"Canon"):
            assert marker not in variant.data


def test_served_files_hold_no_metadata_block_but_the_colour_profile(
    processed: ProcessedImage,
) -> None:
    for variant in processed.variants:
        if variant.media_type is MediaType.JPEG:
            markers = {marker for marker, _ in jpeg_segments(variant.data)}
            # APP1 holds EXIF and XMP, APP13 IPTC, 0xFE comments; APP2 is the ICC profile.
            assert not markers & {0xE1, 0xED, 0xFE}
            assert all(
                payload.startswith(b"ICC_PROFILE")
                for marker, payload in jpeg_segments(variant.data)
                if marker == 0xE2
            )
        else:
            assert set(riff_chunks(variant.data)) <= {b"VP8X", b"ICCP", b"ALPH", b"VP8 ", b"VP8L"}


def test_served_files_keep_the_colour_profile(processed: ProcessedImage) -> None:
    for variant in processed.variants:
        assert Image.open(io.BytesIO(variant.data)).info["icc_profile"] == srgb_icc()


def test_orientation_six_turns_the_picture_a_quarter_clockwise(
    processed: ProcessedImage,
) -> None:
    assert (processed.width, processed.height) == (400, 600)
    for variant in processed.variants:
        image = Image.open(io.BytesIO(variant.data)).convert("RGB")
        assert image.height > image.width
        inset = max(2, image.width // 20)
        # The marker sat top-left as stored; turned clockwise it is top-right on screen.
        assert near(image.getpixel((image.width - inset, inset)), MARKER)
        assert near(image.getpixel((inset, inset)), BACKGROUND)


def test_exif_is_extracted_before_it_is_scrubbed(processed: ProcessedImage) -> None:
    assert processed.exif.make == "Canon"
    assert processed.exif.latitude == pytest.approx(-33.86)
    assert processed.exif.longitude == pytest.approx(151.21)


def test_each_size_comes_as_webp_and_progressive_jpeg(processed: ProcessedImage) -> None:
    kinds = [(v.width, v.height, v.media_type) for v in processed.variants]
    assert kinds == [
        (400, 600, MediaType.WEBP),
        (400, 600, MediaType.JPEG),
        (213, 320, MediaType.WEBP),
        (213, 320, MediaType.JPEG),
    ]
    for variant in processed.variants:
        image = Image.open(io.BytesIO(variant.data))
        assert image.format == variant.media_type.name
        assert image.size == (variant.width, variant.height)
        if image.format == "JPEG":
            assert image.info.get("progressive")


def test_large_photos_get_every_size_on_the_long_edge() -> None:
    result = process(encode_photo("JPEG", (3000, 2000)))
    sizes = sorted({(v.width, v.height) for v in result.variants}, reverse=True)
    assert sizes == [(1365, 2048), (720, 1080), (213, 320)]


def test_small_photos_are_never_upscaled() -> None:
    result = process(encode_photo("PNG", (200, 100)))
    assert {(v.width, v.height) for v in result.variants} == {(100, 200)}
    assert len(result.variants) == 2


def test_transparent_png_keeps_alpha_in_webp_and_is_matted_in_jpeg() -> None:
    image = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    webp, jpeg = process(buffer.getvalue()).variants
    assert Image.open(io.BytesIO(webp.data)).getpixel((50, 50))[3] == 0  # type: ignore[index]
    assert near(Image.open(io.BytesIO(jpeg.data)).getpixel((50, 50)), (255, 255, 255))


def test_placeholder_is_the_dominant_colour() -> None:
    result = process(encode_photo("JPEG", (600, 400)))
    red, green, blue = (int(result.placeholder.dominant_colour[i : i + 2], 16) for i in (1, 3, 5))
    assert blue > 200
    assert red < 40
    assert green < 40


def test_a_file_on_disk_is_processed_like_bytes(tmp_path: Path) -> None:
    path = tmp_path / "upload"
    path.write_bytes(encode_photo("WEBP"))
    assert process(path).variants == process(path.read_bytes()).variants


def test_limits_choose_the_sizes_and_quality() -> None:
    result = process(encode_photo("JPEG", (600, 400)), Limits(long_edges=(100,), quality=50))
    assert {(v.width, v.height) for v in result.variants} == {(67, 100)}


@pytest.mark.parametrize(
    "limits",
    [{"long_edges": ()}, {"long_edges": (0,)}, {"max_pixels": 0}, {"encode_threads": 0}],
)
def test_limits_that_cannot_work_are_refused_up_front(limits: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"must|needs"):
        Limits(**limits)  # type: ignore[arg-type]
