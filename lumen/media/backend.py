"""Which storage backend the configured Lumen uses; callers only ever see `Storage`."""

from __future__ import annotations

from lumen.media.limits import Limits
from lumen.media.storage import LocalStorage, Storage
from lumen.settings import Settings


def storage_for(settings: Settings) -> Storage:
    # Cheap to build: no I/O until a file is read or written.
    return LocalStorage(settings.media_dir)


def limits_for(settings: Settings) -> Limits:
    return Limits(max_pixels=settings.max_image_pixels)
