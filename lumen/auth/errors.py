"""Authentication and authorization failures; lumen.problems gives each its problem type."""

from __future__ import annotations

from lumen.errors import DomainError


class Unauthenticated(DomainError):
    pass


class InvalidToken(Unauthenticated):
    pass


class ExpiredToken(Unauthenticated):
    pass


class RevokedToken(Unauthenticated):
    pass


class AuthUnavailable(DomainError):
    pass


class Forbidden(DomainError):
    pass


class RegistrationRequired(Forbidden):
    pass


class AccountSuspended(Forbidden):
    pass


class AdminRequired(Forbidden):
    pass
