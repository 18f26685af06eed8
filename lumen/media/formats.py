from enum import StrEnum

from lumen.media.errors import UnsupportedMediaTypeError

# Enough for every signature below, including an ftyp box with a few compatible brands.
SNIFF_BYTES = 64


class MediaType(StrEnum):
    JPEG = "image/jpeg"
    PNG = "image/png"
    WEBP = "image/webp"
    HEIC = "image/heic"
    HEIF = "image/heif"
    AVIF = "image/avif"

    @property
    def suffix(self) -> str:
        return _SUFFIXES[self]

    @property
    def pillow_format(self) -> str:
        # pillow-heif registers HEIC and HEIF under one Pillow format id.
        return _PILLOW_FORMATS[self]


_SUFFIXES = {
    MediaType.JPEG: "jpg",
    MediaType.PNG: "png",
    MediaType.WEBP: "webp",
    MediaType.HEIC: "heic",
    MediaType.HEIF: "heif",
    MediaType.AVIF: "avif",
}
_PILLOW_FORMATS = {
    MediaType.JPEG: "JPEG",
    MediaType.PNG: "PNG",
    MediaType.WEBP: "WEBP",
    MediaType.HEIC: "HEIF",
    MediaType.HEIF: "HEIF",
    MediaType.AVIF: "AVIF",
}

_AVIF_BRANDS = frozenset({b"avif", b"avis"})
_HEIC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"})
_HEIF_BRANDS = frozenset({b"mif1", b"msf1"})


def detect_media_type(head: bytes) -> MediaType:
    if head.startswith(b"\xff\xd8\xff"):
        return MediaType.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return MediaType.PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return MediaType.WEBP
    if head[4:8] == b"ftyp":
        return _detect_iso_bmff(head)
    raise UnsupportedMediaTypeError


def _detect_iso_bmff(head: bytes) -> MediaType:
    box_end = min(int.from_bytes(head[:4], "big"), len(head))
    major = head[8:12]
    # Compatible brands follow the major brand and its 4-byte minor version.
    compatible = {head[i : i + 4] for i in range(16, box_end - 3, 4)}
    # The major brand decides first, then the compatible ones: a phone's HEIC lists mif1
    # too, and an AVIF may have the generic mif1 as its major brand.
    for brands in ({major}, compatible):
        if brands & _AVIF_BRANDS:
            return MediaType.AVIF
        if brands & _HEIC_BRANDS:
            return MediaType.HEIC
    if ({major} | compatible) & _HEIF_BRANDS:
        return MediaType.HEIF
    raise UnsupportedMediaTypeError
