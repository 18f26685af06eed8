"""What `/v1/me` accepts and returns."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

import msgspec

from lumen.auth.accounts import Account
from lumen.auth.tokens import Caller
from lumen.commands import birth_dates
from lumen.db.users import User


class Registration(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    role: Literal["photographer", "model"]
    birth_date: dt.date

    example: ClassVar[dict[str, Any]] = {"role": "model", "birth_date": "1999-04-01"}


class AccountChanges(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    # The role is fixed at registration: a profile's role-specific attributes and the
    # audiences that found it depend on it. A birth date can be corrected.
    birth_date: dt.date | msgspec.UnsetType = msgspec.UNSET

    example: ClassVar[dict[str, Any]] = {"birth_date": "1999-04-11"}


class AccountView(msgspec.Struct, kw_only=True):
    uid: str
    role: str
    status: str
    status_reason: str | None
    birth_date: dt.date | None
    is_admin: bool
    version: int
    created_at: dt.datetime

    example: ClassVar[dict[str, Any]] = {
        "uid": "Hk3pQ8vZx2cN0aYbW4rT7uLm9sE1",
        "role": "model",
        "status": "active",
        "status_reason": None,
        "birth_date": "1999-04-01",
        "is_admin": False,
        "version": 1,
        "created_at": "2026-11-20T10:12:00Z",
    }


def view_of(user: User, caller: Caller | Account, secret_key: str) -> AccountView:
    return AccountView(
        uid=user.uid,
        role=user.role,
        status=user.status,
        status_reason=user.status_reason,
        birth_date=birth_dates.decrypt(user.birth_date_encrypted, secret_key),
        is_admin=caller.is_admin,
        version=user.version,
        created_at=user.created_at,
    )
