"""Authorization headers no client should send: malformed, oversized, of the wrong scheme,
or unsigned tokens whose JSON has the wrong shapes."""

from __future__ import annotations

import base64
import json
import time

from tests.auth.signing import claims, unsigned


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _raw(header: object, body: object) -> str:
    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(body).encode())}."


def as_header(value: str | bytes) -> list[tuple[bytes, bytes]]:
    """The Authorization header exactly as given, bytes that are not text included."""
    raw = value if isinstance(value, bytes) else value.encode("ascii")
    return [(b"authorization", raw)]


def authorization_headers(uid: str) -> dict[str, str | bytes]:
    """`uid` names a real user, so shape errors reach the revocation check too."""
    now = int(time.time())
    none = {"alg": "none"}
    tokens = {
        "plain garbage": "garbage",
        "three dots": "...",
        "bad base64": "@@@.###.$$$",
        "two segments": "e30.e30",
        "huge": "a" * 100_000,
        "just under the length cap": "a." * 2047,
        "header is a list": _raw([1, 2], claims(uid)),
        "claims are a list": _raw(none, [1, 2]),
        "claims are a string": _raw(none, "claims"),
        "subject is a number": unsigned(none, claims(uid, sub=42)),
        "subject is null": unsigned(none, claims(uid, sub=None)),
        "issued-at is a string": unsigned(none, claims(uid, iat="yesterday")),
        "issued-at is missing": unsigned(
            none, {k: v for k, v in claims(uid).items() if k != "iat"}
        ),
        "expiry is a string": unsigned(none, claims(uid, exp="never")),
        "expired long ago": unsigned(none, claims(uid, iat=now - 90_000, exp=now - 86_400)),
        "unknown user": unsigned(none, claims("no-such-user")),
        "not JSON": f"{_b64(b'{')}.{_b64(b'not json')}.",
        "binary": f"{_b64(bytes(range(256)))}.{_b64(bytes(range(256)))}.{_b64(b'x')}",
    }
    headers: dict[str, str | bytes] = {name: f"Bearer {t}" for name, t in tokens.items()}
    headers |= {
        "basic scheme": "Basic dXNlcjpwYXNz",
        "bearer without token": "Bearer",
        "bearer with blanks": "Bearer    ",
        "token with a space": "Bearer abc def",
        "lower-case scheme": "bearer garbage",
        "latin-1": "Bearer caf\u00e9".encode("latin-1"),
        "invalid UTF-8": b"Bearer \xff\xfe",
    }
    return headers
