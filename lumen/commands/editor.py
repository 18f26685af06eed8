"""Who changes their own content, as of which version: the owner's account and the
If-Match they sent, which every edit, replacement and deletion of a profile or photo
carries (provided to routes as the `editor` dependency)."""

from __future__ import annotations

import msgspec
from litestar.di import NamedDependency

from lumen.auth.accounts import Account
from lumen.auth.guards import ensure_owner
from lumen.commands.versions import check_if_match
from lumen.http import Acc, IfMatch


class Editor(msgspec.Struct, frozen=True, kw_only=True):
    account: Account
    if_match: str | None = None

    def check(self, owner_uid: str, version: int) -> None:
        """Raises unless the editor owns it and, with If-Match, read its current version."""
        ensure_owner(self.account, owner_uid)
        check_if_match(self.if_match, version)


def provide_editor(account: Acc, if_match: IfMatch = None) -> Editor:
    return Editor(account=account, if_match=if_match)


Ed = NamedDependency[Editor]
