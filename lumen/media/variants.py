import io
from collections.abc import Iterator

import msgspec
from PIL import Image

from lumen.media.formats import MediaType
from lumen.media.limits import Limits

# JPEG has no alpha: transparent areas of a PNG or WebP are shown on white, as a browser would.
_MATTE = (255, 255, 255)


class Variant(msgspec.Struct, frozen=True):
    width: int
    height: int
    media_type: MediaType
    data: bytes

    @property
    def suffix(self) -> str:
        return self.media_type.suffix


def plan_sizes(size: tuple[int, int], long_edges: tuple[int, ...]) -> list[tuple[int, int]]:
    """Largest first, never above the source, without repeats when the source is small."""
    width, height = size
    longest = max(width, height)
    sizes: list[tuple[int, int]] = []
    for edge in sorted(long_edges, reverse=True):
        scale = min(1.0, edge / longest)
        planned = (max(1, round(width * scale)), max(1, round(height * scale)))
        if planned not in sizes:
            sizes.append(planned)
    return sizes


def cascade(image: Image.Image, sizes: list[tuple[int, int]]) -> Iterator[Image.Image]:
    # Each size is resampled from the previous one, so the big decode is read only once.
    current = image
    for size in sizes:
        if current.size != size:
            current = current.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        yield current


def encode(image: Image.Image, icc: bytes | None, limits: Limits) -> list[Variant]:
    # A fresh info dict: Pillow copies the source's EXIF, XMP and comment along with every
    # resize, and some encoders write what they find there. Only the colour profile goes out.
    image.info = {}
    profile = {"icc_profile": icc} if icc else {}
    webp = _save(image, "WEBP", quality=limits.quality, method=limits.webp_method, **profile)
    jpeg = _save(_flatten(image), "JPEG", quality=limits.quality, progressive=True, **profile)
    width, height = image.size
    return [
        Variant(width=width, height=height, media_type=MediaType.WEBP, data=webp),
        Variant(width=width, height=height, media_type=MediaType.JPEG, data=jpeg),
    ]


def _save(image: Image.Image, fmt: str, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode != "RGBA":
        return image
    matte = Image.new("RGB", image.size, _MATTE)
    matte.paste(image, mask=image.getchannel("A"))
    return matte
