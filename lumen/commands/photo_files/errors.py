"""Why an upload is refused, each with a stable problem type."""

from __future__ import annotations

from lumen.problems import DomainError


class UploadTooLarge(DomainError):
    status = 413
    slug = "upload-too-large"
    title = "The file is too large"


class UnsupportedImage(DomainError):
    status = 415
    slug = "unsupported-media-type"
    title = "Not a supported image"


class InvalidLength(DomainError):
    status = 400
    slug = "bad-request"
    title = "Bad request"


class NoOriginal(DomainError):
    status = 404
    slug = "no-original"
    title = "No file has been uploaded for this photo"
