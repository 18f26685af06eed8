import struct
import time
import tracemalloc
import warnings
import zlib
from pathlib import Path

import pytest
from PIL import Image

from lumen.media import (
    CorruptImageError,
    Limits,
    MediaError,
    TooManyPixelsError,
    UnsupportedMediaTypeError,
    process,
)
from tests.media.samples import encode_photo

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload)
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


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
