from lumen.media.budget import DecodeBudget
from lumen.media.errors import (
    CorruptImageError,
    InvalidKeyError,
    MediaError,
    MediaNotFoundError,
    TooLargeError,
    TooLargeToDecodeError,
    TooManyPixelsError,
    UnsupportedMediaTypeError,
)
from lumen.media.exif import PhotoExif
from lumen.media.formats import MediaType, detect_media_type
from lumen.media.limits import Limits
from lumen.media.pipeline import (
    ProcessedImage,
    StoredVariant,
    decode_cost,
    process,
    store_variants,
)
from lumen.media.placeholder import Placeholder
from lumen.media.storage import LocalStorage, Storage, StoredObject
from lumen.media.upload import StoredUpload, store_upload
from lumen.media.variants import Variant

__all__ = [
    "CorruptImageError",
    "DecodeBudget",
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
    "TooLargeToDecodeError",
    "TooManyPixelsError",
    "UnsupportedMediaTypeError",
    "Variant",
    "decode_cost",
    "detect_media_type",
    "process",
    "store_upload",
    "store_variants",
]
