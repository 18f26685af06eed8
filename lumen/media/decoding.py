import functools
import io
import threading
import warnings
from pathlib import Path

import pillow_heif
from PIL import Image, ImageCms, ImageFile

from lumen.media.errors import (
    CorruptImageError,
    MediaError,
    TooLargeToDecodeError,
    TooManyPixelsError,
)
from lumen.media.formats import MediaType

# Pillow's bomb limit is a module global and its warning goes through the process-wide
# warnings filters; Python 3.11 has no per-call form of either. Both are set only around
# the header read (microseconds), under a lock so two of our calls never interleave their
# save/restore, and restored afterwards: nothing changes for other code at import time.
_HEADER_LOCK = threading.Lock()

# Every 8 x 8 block of a JPEG codes at least one bit of its DC coefficient, so a complete
# file holds at least pixels / 512 bytes of scan data; half that is a safe floor.
_PIXELS_PER_BYTE = 1024

_ORIENTATIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@functools.cache
def _enable_heif() -> None:
    # pillow-heif 1.x opens HEIC/HEIF only; AVIF is Pillow's own plugin since 11.3.
    pillow_heif.register_heif_opener(thumbnails=False)


@functools.cache
def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def open_header(
    source: bytes | Path, media_type: MediaType, max_pixels: int
) -> ImageFile.ImageFile:
    """Parses only the header: refuses too many pixels before a single pixel is decoded."""
    if media_type in (MediaType.HEIC, MediaType.HEIF):
        _enable_heif()
    fp = io.BytesIO(source) if isinstance(source, bytes) else source
    with _HEADER_LOCK, warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        previous, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, max_pixels
        try:
            image = Image.open(fp, formats=[media_type.pillow_format])
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise TooManyPixelsError(max_pixels) from None
        except MemoryError:
            # A header that asks for an absurd allocation (100,000,000 x 1 pixels): the
            # same file fails the same way every time, so it is the file's failure.
            raise TooLargeToDecodeError from None
        except Exception as exc:
            raise CorruptImageError from exc
        finally:
            Image.MAX_IMAGE_PIXELS = previous
    width, height = image.size
    if width * height > max_pixels:  # a plugin that skips Pillow's own check
        image.close()
        raise TooManyPixelsError(max_pixels, width, height)
    if image.format in ("JPEG", "MPO") and _size_of(source) < width * height // _PIXELS_PER_BYTE:
        # libjpeg paints a scan that ends early grey and reports nothing to Pillow.
        image.close()
        raise CorruptImageError
    return image


def _size_of(source: bytes | Path) -> int:
    return len(source) if isinstance(source, bytes) else source.stat().st_size


def decode(image: ImageFile.ImageFile, largest: tuple[int, int]) -> Image.Image:
    """largest is the biggest size that will be made from the pixels, in stored orientation."""
    if image.format in ("JPEG", "MPO"):
        _draft(image, largest)
    try:
        image.load()
    except MediaError:
        raise
    except MemoryError:
        raise TooLargeToDecodeError from None
    except Exception as exc:
        raise CorruptImageError from exc
    return image


def draft_scale(image: ImageFile.ImageFile, largest: tuple[int, int]) -> int:
    """By how much a JPEG decode shrinks while decoding (1 for other formats).

    libjpeg scales by 1/2, 1/4 or 1/8 while decoding, never below the size asked for: a
    24 MP photo for a 2048 px variant decodes at 6 MP, four times less work and memory."""
    if image.format not in ("JPEG", "MPO"):
        return 1
    width, height = image.size
    scale = 1
    while scale < 8 and largest[0] * scale * 2 <= width and largest[1] * scale * 2 <= height:
        scale *= 2
    return scale


def _draft(image: ImageFile.ImageFile, largest: tuple[int, int]) -> None:
    if draft_scale(image, largest) > 1:
        image.draft(None, largest)


def orient(image: Image.Image, orientation: int) -> Image.Image:
    method = _ORIENTATIONS.get(orientation)
    return image if method is None else image.transpose(method)


def to_display_colour(image: Image.Image) -> tuple[Image.Image, bytes | None]:
    """RGB(A) pixels plus the ICC profile that describes them, if any.

    The source profile is kept rather than converting to sRGB: browsers honour ICC in
    JPEG and WebP, so a Display P3 phone photo keeps its gamut, and RGB sources need no
    colour transform at all. Only non-RGB profiles (CMYK, grey) are converted to sRGB.
    """
    icc: bytes | None = image.info.get("icc_profile") or None
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    target = "RGBA" if alpha else "RGB"
    profile = _parse_profile(icc)
    if profile is not None and profile.profile.xcolor_space.strip() != "RGB":
        try:
            converted = ImageCms.profileToProfile(
                image, profile, ImageCms.createProfile("sRGB"), outputMode=target
            )
        except ImageCms.PyCMSError:
            converted = None  # a profile that does not fit the pixels: treat them as sRGB
        if converted is not None:
            return converted, srgb_profile()
        profile = None
    if image.mode != target:
        image = image.convert(target)
    return image, icc if profile is not None else None


def _parse_profile(icc: bytes | None) -> ImageCms.ImageCmsProfile | None:
    if icc is None:
        return None
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(icc))
    except (OSError, ValueError, TypeError):
        return None  # an unreadable profile is dropped; the pixels are then taken as sRGB
