from pathlib import Path

import msgspec

from lumen.media.decoding import decode, draft_scale, open_header, orient, to_display_colour
from lumen.media.exif import PhotoExif, read_exif
from lumen.media.formats import SNIFF_BYTES, MediaType, detect_media_type
from lumen.media.limits import Limits
from lumen.media.placeholder import Placeholder, placeholder
from lumen.media.storage import Storage
from lumen.media.variants import Variant, cascade, encode_all, plan_sizes, shrink

# Orientations 5-8 turn the picture a quarter: width and height trade places on screen.
_QUARTER_TURNS = frozenset({5, 6, 7, 8})


# Peak memory of the whole pipeline over the decoded pixels alone, measured on a
# 10,000 x 10,000 RGBA PNG (897 MB peak for 400 MB of pixels): the decode, its colour
# conversion and the first shrink are alive together.
PEAK_OVER_PIXELS = 2.25


def _bytes_per_pixel(mode: str) -> int:
    # Pillow stores every multi-band mode in four bytes a pixel, RGB included.
    if mode in ("1", "L", "P"):
        return 1
    return 2 if mode.startswith("I;16") else 4


def decode_cost(original: bytes | Path, limits: Limits | None = None) -> int:
    """Bytes `process` will hold for this file at its peak, from the header alone."""
    limits = limits or Limits()
    media_type = detect_media_type(_head(original))
    with open_header(original, media_type, limits.max_pixels) as image:
        scale = draft_scale(image, plan_sizes(image.size, limits.long_edges)[0])
        width, height = image.size
        mode = image.mode
    pixels = -(-width // scale) * -(-height // scale)
    return int(pixels * _bytes_per_pixel(mode) * PEAK_OVER_PIXELS)


class ProcessedImage(msgspec.Struct, frozen=True):
    media_type: MediaType
    # As displayed, after the EXIF orientation.
    width: int
    height: int
    exif: PhotoExif
    variants: list[Variant]
    placeholder: Placeholder


class StoredVariant(msgspec.Struct, frozen=True):
    key: str
    width: int
    height: int
    media_type: MediaType
    size: int


def process(original: bytes | Path, limits: Limits | None = None) -> ProcessedImage:
    """CPU-bound and blocking: callers on an event loop run it in a thread.

    Raises a MediaError subclass (with a user-readable message) for anything wrong with
    the file itself; any other exception is a fault of the machine, worth a retry.
    """
    limits = limits or Limits()
    media_type = detect_media_type(_head(original))
    with open_header(original, media_type, limits.max_pixels) as image:
        stored_size = image.size
        # Sizes scale both edges alike, so the largest one in stored orientation is all
        # the JPEG draft needs; the orientation itself is read once the pixels are in.
        decoded = decode(image, plan_sizes(stored_size, limits.long_edges)[0])
        exif, orientation = read_exif(image)
        turned = orientation in _QUARTER_TURNS
        width, height = stored_size[::-1] if turned else stored_size
        sizes = plan_sizes((width, height), limits.long_edges)
        display, icc = to_display_colour(decoded)
        # Turning the largest variant rather than the decode moves fewer pixels.
        largest = shrink(display, sizes[0][::-1] if turned else sizes[0])
        variants = encode_all(cascade(orient(largest, orientation), sizes), icc, limits)
        return ProcessedImage(
            media_type=media_type,
            width=width,
            height=height,
            exif=exif,
            variants=variants,
            placeholder=placeholder(display),
        )


async def store_variants(storage: Storage, processed: ProcessedImage) -> list[StoredVariant]:
    stored: list[StoredVariant] = []
    for variant in processed.variants:
        saved = await storage.put_bytes(variant.data, suffix=variant.suffix)
        stored.append(
            StoredVariant(
                key=saved.key,
                width=variant.width,
                height=variant.height,
                media_type=variant.media_type,
                size=saved.size,
            )
        )
    return stored


def _head(original: bytes | Path) -> bytes:
    if isinstance(original, bytes):
        return original[:SNIFF_BYTES]
    with original.open("rb") as file:
        return file.read(SNIFF_BYTES)
