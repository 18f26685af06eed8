import io
import struct
import time
import tracemalloc
import warnings
import zlib
from pathlib import Path

import pillow_heif
import pytest
from PIL import Image

from lumen.media import (
    CorruptImageError,
    Limits,
    MediaError,
    TooLargeToDecodeError,
    TooManyPixelsError,
    UnsupportedMediaTypeError,
    decode_cost,
    process,
)
from tests.media.samples import encode_photo

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def png(width: int, height: int, colour_type: int, idat: bytes | None = None) -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload)
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0))
    data = b"" if idat is None else chunk(b"IDAT", idat)
    return b"\x89PNG\r\n\x1a\n" + header + data + chunk(b"IEND", b"")


def png_header_only(width: int, height: int) -> bytes:
    return png(width, height, 2)


def test_a_pdf_named_jpg_is_an_unsupported_media_type(tmp_path: Path) -> None:
    path = tmp_path / "holiday.jpg"
    path.write_bytes(PDF)
    with pytest.raises(UnsupportedMediaTypeError) as refused:
        process(path)
    assert "JPEG" in refused.value.detail


@pytest.mark.parametrize("data", [b"", b"GIF89a" + bytes(64), b"BM" + bytes(64)])
def test_formats_outside_the_allowed_five_are_refused(data: bytes) -> None:
    with pytest.raises(UnsupportedMediaTypeError):
        process(data)


def test_a_tiny_file_declaring_a_huge_image_is_refused_without_decoding() -> None:
    bomb = png_header_only(50_000, 50_000)
    assert len(bomb) < 100
    with pytest.raises(TooManyPixelsError):
        process(bomb)  # once before measuring, so Pillow's lazy plugin imports are not counted
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(TooManyPixelsError) as refused:
        process(bomb)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 0.5
    assert peak < 2 * 1024 * 1024
    assert "100 MP" in refused.value.detail


def test_the_pixel_limit_is_configurable_and_says_the_size() -> None:
    with pytest.raises(TooManyPixelsError) as refused:
        process(encode_photo("HEIF", (600, 400)), Limits(max_pixels=100_000))
    assert refused.value.limit_pixels == 100_000


def test_the_pixel_check_leaves_pillow_and_warnings_as_they_were() -> None:
    before_limit = Image.MAX_IMAGE_PIXELS
    before_filters = list(warnings.filters)
    with pytest.raises(TooManyPixelsError):
        process(encode_photo("JPEG", (600, 400)), Limits(max_pixels=200_000))
    process(encode_photo("JPEG", (600, 400)))
    assert before_limit == Image.MAX_IMAGE_PIXELS
    assert warnings.filters == before_filters


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF", "AVIF"])
def test_a_truncated_file_is_corrupt_with_a_readable_reason(fmt: str) -> None:
    whole = encode_photo(fmt, (600, 400))
    with pytest.raises(CorruptImageError) as refused:
        process(whole[: len(whole) // 2])
    assert refused.value.detail == CorruptImageError.reason


def test_garbage_behind_a_valid_signature_is_corrupt() -> None:
    with pytest.raises(CorruptImageError):
        process(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)


def test_every_refusal_is_a_media_error_with_a_reason() -> None:
    for error in (CorruptImageError, UnsupportedMediaTypeError):
        assert issubclass(error, MediaError)
        assert error().detail.endswith(".")


def png_of_zeros(width: int, height: int) -> bytes:
    """A complete RGBA PNG whose rows are all zero: tiny on disk, huge when decoded."""
    compressor = zlib.compressobj(9)
    piece = b"\x00" * (1 << 20)
    whole, rest = divmod(1 + 4 * width, len(piece))
    parts: list[bytes] = []
    for _ in range(height):
        parts += [compressor.compress(piece) for _ in range(whole)]
        parts.append(compressor.compress(piece[:rest]))
    return png(width, height, 6, b"".join(parts) + compressor.flush())


def test_an_image_too_long_to_allocate_fails_at_once_as_the_files_fault() -> None:
    # 100,000,000 x 1 is inside the pixel limit, yet Pillow cannot allocate one line of it.
    line = png_of_zeros(100_000_000, 1)
    started = time.perf_counter()
    with pytest.raises(TooLargeToDecodeError) as refused:
        process(line)
    assert time.perf_counter() - started < 2
    assert refused.value.detail == "The image is too large to process."


def test_a_jpeg_whose_header_promises_more_than_its_data_holds_is_damaged() -> None:
    small = bytearray(encode_photo("JPEG", (16, 16)))
    frame = small.index(b"\xff\xc0")
    struct.pack_into(">HH", small, frame + 5, 10_000, 10_000)
    with pytest.raises(CorruptImageError) as refused:
        process(bytes(small))
    assert refused.value.detail == "The file is damaged or incomplete."


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF", "AVIF"])
def test_a_large_flat_photo_is_not_mistaken_for_a_damaged_one(fmt: str) -> None:
    flat = Image.new("RGB", (4000, 3000), (128, 128, 128))
    buffer = io.BytesIO()
    if fmt == "HEIF":
        pillow_heif.register_heif_opener(thumbnails=False)
    flat.save(buffer, fmt, quality=80)
    assert process(buffer.getvalue()).width == 4000


def test_the_decode_cost_follows_the_header_and_the_jpeg_draft() -> None:
    assert decode_cost(png_of_zeros(10_000, 1_000)) == int(10_000 * 1_000 * 4 * 2.25)
    # A 6000 x 4000 JPEG for a 2048 px variant decodes at a half: a quarter of the pixels.
    assert decode_cost(encode_photo("JPEG", (6000, 4000))) == int(3000 * 2000 * 4 * 2.25)
