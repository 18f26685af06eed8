"""Birth dates: who may register with which, and how they are kept encrypted at rest."""

from __future__ import annotations

import base64
import datetime as dt

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from lumen.errors import DomainError

# Lumen arranges meetings between strangers for shoots: every member is an adult,
# photographers as much as models.
MINIMUM_AGE = 18
EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)
# Erased birth dates (deleted accounts) are stored as this; the column is not nullable.
ERASED = b""


class InvalidBirthDate(DomainError):
    pass


class UnderAge(InvalidBirthDate):
    pass


def age_on(birth_date: dt.date, day: dt.date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def ensure_allowed(role: str, birth_date: dt.date, day: dt.date) -> None:
    if not EARLIEST_BIRTH_DATE <= birth_date <= day:
        raise InvalidBirthDate(
            "birth_date must be a past date after 1900-01-01.",
            errors=[{"field": "birth_date", "message": "not a plausible birth date"}],
        )
    if age_on(birth_date, day) < MINIMUM_AGE:
        raise UnderAge(
            f"Members must be at least {MINIMUM_AGE} years old.",
            errors=[{"field": "birth_date", "message": f"must be {MINIMUM_AGE} or older"}],
        )


def _fernet(secret_key: str) -> Fernet:
    # A key of its own, derived from the secret key, so other uses of that secret
    # (signed cursors, URLs) never share key material with stored personal data.
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"lumen/birth-date/v1").derive(
        secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(birth_date: dt.date, secret_key: str) -> bytes:
    return _fernet(secret_key).encrypt(birth_date.isoformat().encode())


def decrypt(stored: bytes, secret_key: str) -> dt.date | None:
    if stored == ERASED:
        return None
    try:
        return dt.date.fromisoformat(_fernet(secret_key).decrypt(stored).decode())
    except InvalidToken:
        # Encrypted under another secret key; the owner can set it again with PATCH.
        return None
