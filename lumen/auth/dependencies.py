"""Who is asking: the `caller` (a verified token, or None), the `account` (a registered,
active user), the `reader` (a registered user, suspended or not, reading their own things)
and the `admin` (a token with the admin claim) dependencies that handlers ask for by name."""

from __future__ import annotations

from sqlalchemy import select

from lumen.auth.accounts import Account
from lumen.auth.errors import (
    AccountSuspended,
    AdminRequired,
    RegistrationRequired,
    Unauthenticated,
)
from lumen.auth.tokens import Caller, bearer_token, verify
from lumen.db.users import User
from lumen.http import Req, Res, Who
from lumen.resources import Resources


async def provide_caller(request: Req, resources: Res) -> Caller | None:
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        return None
    # For the access line (lumen.logging): who asked, never which of them.
    state = request.scope.setdefault("state", {})
    state["caller_kind"] = "invalid-token"
    caller = await verify(token, resources.settings)
    state["caller_kind"] = "admin" if caller.is_admin else "member"
    return caller


async def load_account(resources: Resources, caller: Caller) -> Account:
    async with resources.sessions() as session:
        user = await session.scalar(select(User).where(User.uid == caller.uid))
    if user is None or user.status == "deleted":
        raise RegistrationRequired("This account is not registered yet.")
    return Account(
        uid=user.uid,
        role=user.role,
        status=user.status,
        is_admin=caller.is_admin,
        email=caller.email,
    )


def signed_in(caller: Caller | None) -> Caller:
    if caller is None:
        raise Unauthenticated("Sign in and send 'Authorization: Bearer <ID token>'.")
    return caller


async def provide_account(resources: Res, caller: Who) -> Account:
    """A registered account that may write: suspended users are refused here."""
    account = await load_account(resources, signed_in(caller))
    if account.status == "suspended":
        raise AccountSuspended("A moderator suspended this account; writes are refused.")
    return account


async def provide_reader(resources: Res, caller: Who) -> Account:
    """A registered account reading its own things: suspension refuses writes only."""
    return await load_account(resources, signed_in(caller))


async def provide_admin(caller: Who) -> Caller:
    # Moderators are operators: the claim is what counts, not a community account.
    admin = signed_in(caller)
    if not admin.is_admin:
        raise AdminRequired("This needs the admin role.")
    return admin
