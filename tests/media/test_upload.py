from pathlib import Path

import pytest

from lumen.media import (
    LocalStorage,
    MediaType,
    TooLargeError,
    UnsupportedMediaTypeError,
    store_upload,
)
from tests.media.samples import chunks_of, encode_photo, files_under
from tests.media.test_refusals import PDF


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("JPEG", MediaType.JPEG),
        ("PNG", MediaType.PNG),
        ("WEBP", MediaType.WEBP),
        ("HEIF", MediaType.HEIC),
        ("AVIF", MediaType.AVIF),
    ],
)
async def test_uploads_are_typed_by_content_and_stored_whole(
    tmp_path: Path, fmt: str, media_type: MediaType
) -> None:
    storage = LocalStorage(tmp_path)
    data = encode_photo(fmt, (60, 40))
    # One-byte chunks: the type is still read from the first bytes, whatever the chunking.
    upload = await store_upload(chunks_of(data, 1), storage, max_bytes=1 << 20)
    assert upload.media_type is media_type
    assert upload.key.endswith("." + media_type.suffix)
    assert await storage.read(upload.key) == data


async def test_a_pdf_is_refused_before_anything_is_stored(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedMediaTypeError):
        await store_upload(chunks_of(PDF, 16), LocalStorage(tmp_path), max_bytes=1 << 20)
    assert not files_under(tmp_path)


async def test_an_upload_past_the_cap_is_refused_and_not_kept(tmp_path: Path) -> None:
    data = encode_photo("JPEG", (600, 400))
    with pytest.raises(TooLargeError):
        await store_upload(chunks_of(data, 1024), LocalStorage(tmp_path), max_bytes=len(data) - 1)
    assert not files_under(tmp_path)
