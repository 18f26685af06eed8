"""Firebase ID-token verification, off the event loop, with revocation checked."""

from __future__ import annotations

import asyncio
from typing import Any

import msgspec
from firebase_admin import auth, exceptions
from google.auth import exceptions as google_exceptions

from lumen.auth.errors import AuthUnavailable, ExpiredToken, InvalidToken, RevokedToken
from lumen.auth.firebase import auth_client
from lumen.settings import Settings

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


def _verify(token: str, settings: Settings) -> dict[str, Any]:
    try:
        client = auth_client(settings)
        claims: dict[str, Any] = client.verify_id_token(token, check_revoked=True)
        if settings.auth_emulator_host:
            claims["admin"] = _admin_on_record(client, str(claims["uid"]))
    except auth.ExpiredIdTokenError as exc:
        raise ExpiredToken("Sign in again to get a fresh token.") from exc
    except (auth.RevokedIdTokenError, auth.UserDisabledError) as exc:
        raise RevokedToken("This session has ended; sign in again.") from exc
    except auth.CertificateFetchError as exc:
        raise AuthUnavailable("Signing keys could not be fetched; retry shortly.") from exc
    except (auth.InvalidIdTokenError, auth.UserNotFoundError, ValueError) as exc:
        raise InvalidToken("The token could not be verified.") from exc
    except (exceptions.FirebaseError, google_exceptions.GoogleAuthError) as exc:
        # The revocation check needs the identity service and, outside the emulator,
        # Google credentials; either missing is an outage, not the caller's fault.
        raise AuthUnavailable("The identity service did not answer; retry shortly.") from exc
    except (TypeError, AttributeError, KeyError) as exc:
        # The SDK reads header and claims before it can trust them (and never checks a
        # signature under the emulator), so a token of the wrong JSON shapes lands here.
        raise InvalidToken("The token could not be verified.") from exc
    return claims


def _admin_on_record(client: auth.Client, uid: str) -> bool:
    # The emulator's tokens are unsigned and the SDK accepts them as they are, so a
    # hand-written {"alg": "none", "admin": true} would pass the admin guard: what grants
    # anything is read from the emulator's own user record instead.
    custom = client.get_user(uid).custom_claims or {}
    return custom.get("admin") is True


async def verify(token: str, settings: Settings) -> Caller:
    # verify_id_token is synchronous and, with check_revoked, does network I/O.
    claims = await asyncio.to_thread(_verify, token, settings)
    email = claims.get("email")
    return Caller(
        uid=str(claims["uid"]),
        email=email if isinstance(email, str) else None,
        is_admin=claims.get("admin") is True,
    )
