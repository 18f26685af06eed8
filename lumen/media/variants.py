import io
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

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


def shrink(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.size == size:
        return image
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def cascade(image: Image.Image, sizes: list[tuple[int, int]]) -> Iterator[Image.Image]:
    # Each size is resampled from the previous one, so the big decode is read only once.
    for size in sizes:
        image = shrink(image, size)
        yield image


def encode_all(steps: Iterable[Image.Image], icc: bytes | None, limits: Limits) -> list[Variant]:
    # Pillow releases the GIL while it resamples and encodes: each size's two encodes run
    # in threads while the cascade goes on to the next size, and the big WebP no longer
    # holds up everything after it.
    with ThreadPoolExecutor(max_workers=limits.encode_threads) as pool:
        pending = []
        for step in steps:
            # A fresh info dict: Pillow copies the source's EXIF, XMP and comment along with
            # every resize, and some encoders write what they find there. Only ICC goes out.
            step.info = {}
            # Each encode gets its own Image object: save() keeps its options on the object.
            pending.append(pool.submit(_encode, step, MediaType.WEBP, icc, limits))
            pending.append(pool.submit(_encode, _flatten(step), MediaType.JPEG, icc, limits))
        return [future.result() for future in pending]


def _encode(
    image: Image.Image, media_type: MediaType, icc: bytes | None, limits: Limits
) -> Variant:
    profile = {"icc_profile": icc} if icc else {}
    if media_type is MediaType.WEBP:
        data = _save(image, "WEBP", quality=limits.quality, method=limits.webp_method, **profile)
    else:
        data = _save(image, "JPEG", quality=limits.quality, progressive=True, **profile)
    width, height = image.size
    return Variant(width=width, height=height, media_type=media_type, data=data)


def _save(image: Image.Image, fmt: str, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode != "RGBA":
        return image.copy()
    matte = Image.new("RGB", image.size, _MATTE)
    matte.paste(image, mask=image.getchannel("A"))
    return matte
