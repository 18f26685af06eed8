"""Photos made in the test, as a phone or camera would write them."""

import functools
import io
import struct
from collections.abc import AsyncIterator
from pathlib import Path

import pillow_heif
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

SERIAL = "SN-4242-SECRET"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Lumen test"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
MARKER = (255, 0, 0)
BACKGROUND = (0, 0, 255)


@functools.cache  # the profile header holds its creation time: make it once per run
def srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_exif(
    orientation: int = 6,
    *,
    sub: dict[int, object] | None = None,
    gps: dict[int, object] | None = None,
) -> Image.Exif:
    """sub and gps replace tags of the EXIF and GPS directories; a None value removes one."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "Canon EOS R5"
    sub_tags: dict[int, object] = {
        ExifTags.Base.LensModel: "RF24-70mm F2.8 L IS USM",
        ExifTags.Base.FocalLength: 50.0,
        ExifTags.Base.FNumber: 2.8,
        ExifTags.Base.ExposureTime: 0.004,
        ExifTags.Base.ISOSpeedRatings: 400,
        ExifTags.Base.DateTimeOriginal: "2024:06:01 18:30:05",
        ExifTags.Base.OffsetTimeOriginal: "+02:00",
        ExifTags.Base.BodySerialNumber: SERIAL,
    }
    gps_tags: dict[int, object] = {
        ExifTags.GPS.GPSLatitudeRef: "S",
        ExifTags.GPS.GPSLatitude: (33.0, 51.0, 36.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (151.0, 12.0, 36.0),
    }
    exif[ExifTags.IFD.Exif] = _merged(sub_tags, sub or {})
    exif[ExifTags.IFD.GPSInfo] = _merged(gps_tags, gps or {})
    return exif


def _merged(tags: dict[int, object], changes: dict[int, object]) -> dict[int, object]:
    merged = {**tags, **changes}
    return {tag: value for tag, value in merged.items() if value is not None}


def marked_image(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """A blue picture with a red square in its stored top-left corner."""
    image = Image.new(mode, size, BACKGROUND)
    side = max(4, min(size) // 5)
    image.paste(MARKER, (0, 0, side, side))
    return image


def encode_photo(
    fmt: str,
    size: tuple[int, int] = (600, 400),
    *,
    exif: Image.Exif | None = None,
    icc: bytes | None = None,
    mode: str = "RGB",
) -> bytes:
    image = marked_image(size, mode)
    exif_bytes = (exif if exif is not None else camera_exif()).tobytes()
    icc = icc if icc is not None else srgb_icc()
    params: dict[str, object] = {"exif": exif_bytes, "icc_profile": icc}
    if fmt == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_itxt("XML:com.adobe.xmp", XMP.decode())
        params["pnginfo"] = text
    else:
        params["xmp"] = XMP
    if fmt == "HEIF":
        pillow_heif.register_heif_opener(thumbnails=False)
    buffer = io.BytesIO()
    image.save(buffer, fmt, quality=95, **params)
    return buffer.getvalue()


async def chunks_of(
    data: bytes, size: int, consumed: list[int] | None = None
) -> AsyncIterator[bytes]:
    """An upload body as a client streams it; consumed records how far it was read."""
    for start in range(0, len(data), size):
        if consumed is not None:
            consumed.append(start)
        yield data[start : start + size]


def files_under(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def grey_icc() -> bytes:
    """A minimal ICC v2 grey display profile (white point and a 2.2 tone curve)."""

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    d50 = s15(0.9642) + s15(1.0) + s15(0.8249)
    tags = [
        (b"wtpt", b"XYZ " + bytes(4) + d50),
        (b"kTRC", b"curv" + bytes(4) + struct.pack(">IH", 1, 0x0233) + bytes(2)),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table = body = b""
    for signature, data in tags:
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    header = (
        struct.pack(">I", offset + len(body))
        + bytes(4)
        + struct.pack(">I", 0x02100000)
        + b"mntrGRAYXYZ "
        + bytes(12)
        + b"acsp"
        + bytes(28)
        + d50
        + bytes(48)
    )
    return header + struct.pack(">I", len(tags)) + table + body
