"""Media errors carry a reason a user can read; the HTTP layer maps them to problem details."""


class MediaError(Exception):
    reason = "The image could not be processed."

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail or self.reason)
        self.detail = detail or self.reason


class UnsupportedMediaTypeError(MediaError):
    reason = "Only JPEG, PNG, WebP, HEIC/HEIF and AVIF images are accepted."


class TooLargeError(MediaError):
    reason = "The file is larger than the upload limit."

    def __init__(self, limit_bytes: int) -> None:
        super().__init__(f"The file is larger than the {limit_bytes // (1024 * 1024)} MB limit.")
        self.limit_bytes = limit_bytes


class TooManyPixelsError(MediaError):
    reason = "The image has too many pixels."

    def __init__(
        self, limit_pixels: int, width: int | None = None, height: int | None = None
    ) -> None:
        limit = f"the limit is {limit_pixels / 1_000_000:.0f} MP"
        if width is None or height is None:
            super().__init__(f"The image has too many pixels; {limit}.")
        else:
            megapixels = width * height / 1_000_000
            super().__init__(f"The image is {width} x {height} ({megapixels:.0f} MP); {limit}.")
        self.limit_pixels = limit_pixels
        self.width = width
        self.height = height


class CorruptImageError(MediaError):
    reason = "The file is damaged or incomplete."


class TooLargeToDecodeError(MediaError):
    reason = "The image is too large to process."


class InvalidKeyError(MediaError):
    reason = "Not a valid media key."


class MediaNotFoundError(MediaError):
    reason = "The file does not exist."
