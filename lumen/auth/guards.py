"""Ownership rules the write side applies once it has loaded what is being changed."""

from __future__ import annotations

from lumen.auth.accounts import Account
from lumen.auth.errors import Forbidden


class NotOwner(Forbidden):
    pass


def is_owner(account: Account, owner_uid: str) -> bool:
    return account.uid == owner_uid


def ensure_owner(account: Account, owner_uid: str) -> None:
    # Admins do not bypass this: they act on others' content only through moderation
    # (hide, suspend), which is audited; editing someone's words is never theirs to do.
    if not is_owner(account, owner_uid):
        raise NotOwner("Only the owner may change this.")
