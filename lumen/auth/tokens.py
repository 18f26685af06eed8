"""Firebase ID-token verification, off the event loop, with revocation checked."""

from __future__ import annotations

import asyncio
from typing import Any

import msgspec
from firebase_admin import App, auth, exceptions

from lumen.auth.errors import AuthUnavailable, ExpiredToken, InvalidToken, RevokedToken

MAX_TOKEN_LENGTH = 4096


class Caller(msgspec.Struct, frozen=True, kw_only=True):
    """Whoever a verified token says is calling; not necessarily registered."""

    uid: str
    email: str | None = None
    is_admin: bool = False


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken("Send the ID token as 'Authorization: Bearer <token>'.")
    token = token.strip()
    if len(token) > MAX_TOKEN_LENGTH:
        raise InvalidToken("The token is too long to be an ID token.")
    return token


def _verify(token: str, app: App) -> dict[str, Any]:
    try:
        claims: dict[str, Any] = auth.verify_id_token(token, app, check_revoked=True)
    except auth.ExpiredIdTokenError as exc:
        raise ExpiredToken("Sign in again to get a fresh token.") from exc
    except (auth.RevokedIdTokenError, auth.UserDisabledError) as exc:
        raise RevokedToken("This session has ended; sign in again.") from exc
    except auth.CertificateFetchError as exc:
        raise AuthUnavailable("Signing keys could not be fetched; retry shortly.") from exc
    except (auth.InvalidIdTokenError, auth.UserNotFoundError, ValueError) as exc:
        raise InvalidToken("The token could not be verified.") from exc
    except exceptions.FirebaseError as exc:
        raise AuthUnavailable("The identity service did not answer; retry shortly.") from exc
    return claims


async def verify(token: str, app: App) -> Caller:
    # verify_id_token is synchronous and, with check_revoked, does network I/O.
    claims = await asyncio.to_thread(_verify, token, app)
    return Caller(
        uid=str(claims["uid"]),
        email=claims.get("email"),
        is_admin=claims.get("admin") is True,
    )
