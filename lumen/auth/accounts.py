"""A registered, active account as the HTTP edge hands it to handlers. Kept apart from
how it is loaded, so that code which only reads it (the read side among it) needs no
database."""

from __future__ import annotations

import msgspec


class Account(msgspec.Struct, frozen=True, kw_only=True):
    uid: str
    role: str
    status: str
    is_admin: bool
    email: str | None = None
