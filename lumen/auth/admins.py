"""Granting and revoking the admin role: a Firebase custom claim, set by an operator."""

from __future__ import annotations

import click
from firebase_admin import auth, exceptions

from lumen.auth.firebase import auth_client
from lumen.settings import ConfigError, load_settings

ADMIN_CLAIM = "admin"


def set_admin(who: str, admin: bool) -> str:
    """Sets or clears the claim for a uid or an email and returns the uid.

    Refresh tokens are revoked too: the user's current ID tokens stop being accepted,
    so the change holds at once instead of when their token next expires (up to an hour).
    """
    client = auth_client(load_settings())
    user = client.get_user_by_email(who) if "@" in who else client.get_user(who)
    claims = {k: v for k, v in (user.custom_claims or {}).items() if k != ADMIN_CLAIM}
    if admin:
        claims[ADMIN_CLAIM] = True
    client.set_custom_user_claims(user.uid, claims or None)
    client.revoke_refresh_tokens(user.uid)
    return str(user.uid)


def _change(who: str, admin: bool) -> str:
    try:
        return set_admin(who, admin)
    except auth.UserNotFoundError as exc:
        raise click.ClickException(f"no Firebase user {who!r}") from exc
    except (exceptions.FirebaseError, ValueError, ConfigError) as exc:
        raise click.ClickException(str(exc)) from exc


@click.group()
def users() -> None:
    """Manage users' roles."""


@users.command("grant-admin")
@click.argument("who")
def grant_admin(who: str) -> None:
    """Make the user WHO (a uid or an email) an admin."""
    uid = _change(who, admin=True)
    click.echo(f"{uid} is now an admin; their sessions were ended so they sign in again.")


@users.command("revoke-admin")
@click.argument("who")
def revoke_admin(who: str) -> None:
    """Take the admin role from the user WHO (a uid or an email)."""
    uid = _change(who, admin=False)
    click.echo(f"{uid} is no longer an admin; their sessions were ended.")
