"""Why an upload is refused; lumen.problems gives each its problem type."""

from __future__ import annotations

from lumen.errors import DomainError


class UploadTooLarge(DomainError):
    pass


class UnsupportedImage(DomainError):
    pass


class InvalidLength(DomainError):
    pass


class NoOriginal(DomainError):
    pass
