"""The owner's view of a photo, in any processing state."""

from __future__ import annotations

from typing import cast

import msgspec

from lumen.commands.fields import Visibility
from lumen.commands.photos.structs import PhotoOut
from lumen.commands.profiles.structs import LocationOut
from lumen.db.photos import Photo
from lumen.media.urls import variant_url


def owner_view(photo: Photo) -> PhotoOut:
    return PhotoOut(
        id=photo.id,
        owner_id=photo.owner_id,
        title=photo.title,
        caption=photo.caption,
        tags=photo.tags,
        visibility=cast(Visibility, photo.visibility),
        status=photo.status,
        failure_reason=photo.failure_reason,
        moderation=photo.moderation,
        taken_at=photo.taken_at,
        location=LocationOut.of(photo),
        width=photo.width,
        height=photo.height,
        exif=photo.exif,
        variants=photo.variants,
        placeholder=photo.placeholder,
        version=photo.version,
        created_at=photo.created_at,
        updated_at=photo.updated_at,
    )


def with_urls(view: PhotoOut, secret_key: str) -> PhotoOut:
    """The view with a signed address for each variant, as the owner's reads show it."""
    variants = [
        {**variant, "url": variant_url(secret_key, variant["key"], view.visibility)}
        for variant in view.variants
    ]
    return msgspec.structs.replace(view, variants=variants)
