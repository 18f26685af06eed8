from lumen.media.errors import (
    CorruptImageError,
    InvalidKeyError,
    MediaError,
    MediaNotFoundError,
    TooLargeError,
    TooManyPixelsError,
    UnsupportedMediaTypeError,
)
from lumen.media.exif import PhotoExif
from lumen.media.formats import MediaType, detect_media_type
from lumen.media.limits import Limits
from lumen.media.pipeline import ProcessedImage, StoredVariant, process, store_variants
from lumen.media.placeholder import Placeholder
from lumen.media.storage import LocalStorage, Storage, StoredObject
from lumen.media.upload import StoredUpload, store_upload
from lumen.media.variants import Variant

__all__ = [
    "CorruptImageError",
    "InvalidKeyError",
    "Limits",
    "LocalStorage",
    "MediaError",
    "MediaNotFoundError",
    "MediaType",
    "PhotoExif",
    "Placeholder",
    "ProcessedImage",
    "Storage",
    "StoredObject",
    "StoredUpload",
    "StoredVariant",
    "TooLargeError",
    "TooManyPixelsError",
    "UnsupportedMediaTypeError",
    "Variant",
    "detect_media_type",
    "process",
    "store_upload",
    "store_variants",
]
