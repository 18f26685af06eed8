"""Demo photographs drawn on the spot: a soft two-colour gradient with a few blurred
shapes, as a JPEG carrying a camera's make and model in EXIF, so that demo photos go
through the real upload and image pipeline and come out with variants and camera facets."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from lumen.seed.vocabulary import CAMERAS

SIZE = (1500, 1000)
_MAKE, _MODEL = 0x010F, 0x0110


def _colour(rng: random.Random) -> tuple[int, int, int]:
    return (rng.randint(20, 235), rng.randint(20, 235), rng.randint(20, 235))


def demo_jpeg(rng: random.Random, size: tuple[int, int] = SIZE) -> bytes:
    """A deterministic photo-like JPEG (about 50 KB at the default size) for the given
    random state, landscape or portrait."""
    width, height = size if rng.random() < 0.6 else size[::-1]
    ramp = Image.linear_gradient("L").rotate(rng.choice([0, 45, 90, 135])).resize((width, height))
    image = ImageOps.colorize(ramp, _colour(rng), _colour(rng))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(3, 6)):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randint(60, 300)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_colour(rng))
    image = image.filter(ImageFilter.GaussianBlur(24))
    exif = Image.Exif()
    exif[_MAKE], exif[_MODEL] = rng.choice(CAMERAS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, exif=exif)
    return out.getvalue()
