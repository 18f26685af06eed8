"""Authentication and authorization failures, each with a stable problem type."""

from __future__ import annotations

from lumen.problems import DomainError


class Unauthenticated(DomainError):
    status = 401
    slug = "unauthenticated"
    title = "Authentication required"


class InvalidToken(Unauthenticated):
    slug = "invalid-token"
    title = "The ID token is not valid"


class ExpiredToken(Unauthenticated):
    slug = "expired-token"
    title = "The ID token has expired"


class RevokedToken(Unauthenticated):
    slug = "revoked-token"
    title = "The ID token has been revoked"


class AuthUnavailable(DomainError):
    status = 503
    slug = "auth-unavailable"
    title = "Tokens cannot be verified right now"


class Forbidden(DomainError):
    status = 403
    slug = "forbidden"
    title = "Not allowed"


class RegistrationRequired(Forbidden):
    slug = "registration-required"
    title = "Register first with POST /v1/me"


class AccountSuspended(Forbidden):
    slug = "account-suspended"
    title = "This account is suspended"


class AdminRequired(Forbidden):
    slug = "admin-required"
    title = "Only administrators may do this"
