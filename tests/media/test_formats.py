import pytest

from lumen.media import MediaType, UnsupportedMediaTypeError, detect_media_type
from tests.media.samples import encode_photo


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = b"ftyp" + major + bytes(4) + b"".join(compatible)
    return (len(body) + 4).to_bytes(4, "big") + body + bytes(32)


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
def test_the_type_comes_from_the_first_bytes(fmt: str, media_type: MediaType) -> None:
    assert detect_media_type(encode_photo(fmt, (16, 16))[:64]) is media_type


@pytest.mark.parametrize(
    ("head", "media_type"),
    [
        (ftyp(b"heic", b"mif1", b"heic"), MediaType.HEIC),
        (ftyp(b"mif1", b"heic"), MediaType.HEIC),
        (ftyp(b"mif1", b"avif", b"miaf"), MediaType.AVIF),
        (ftyp(b"avis", b"msf1"), MediaType.AVIF),
        (ftyp(b"mif1", b"miaf"), MediaType.HEIF),
    ],
)
def test_heif_family_brands_tell_heic_avif_and_plain_heif_apart(
    head: bytes, media_type: MediaType
) -> None:
    assert detect_media_type(head) is media_type


@pytest.mark.parametrize(
    "head",
    [
        b"%PDF-1.7\n",
        ftyp(b"isom", b"mp41"),  # an MP4 video shares the container
        b"RIFF\x00\x00\x00\x00WAVEfmt ",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"",
    ],
)
def test_anything_else_is_unsupported(head: bytes) -> None:
    with pytest.raises(UnsupportedMediaTypeError):
        detect_media_type(head)
