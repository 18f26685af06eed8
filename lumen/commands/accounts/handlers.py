"""Account commands: each opens its transaction, changes the user row, records its event."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.auth.accounts import Account
from lumen.auth.errors import RegistrationRequired
from lumen.auth.tokens import Caller
from lumen.commands import birth_dates
from lumen.commands.accounts.structs import AccountChanges, Registration
from lumen.commands.profiles import remove_profile_of
from lumen.db.outbox import record
from lumen.db.users import User
from lumen.errors import DomainError
from lumen.resources import Resources


class AlreadyRegistered(DomainError):
    pass


async def _locked_user(session: AsyncSession, uid: str) -> User:
    user = await session.get(User, uid, with_for_update=True)
    if user is None or user.status == "deleted":
        raise RegistrationRequired("This account is not registered yet.")
    return user


async def register_account(resources: Resources, caller: Caller, data: Registration) -> User:
    birth_dates.ensure_allowed(data.role, data.birth_date, birth_dates.today())
    encrypted = birth_dates.encrypt(data.birth_date, resources.settings.secret_key)
    try:
        async with resources.sessions.begin() as session:
            user = await session.get(User, caller.uid, with_for_update=True)
            if user is not None and user.status != "deleted":
                raise AlreadyRegistered("Read it with GET /v1/me or change it with PATCH.")
            if user is None:
                user = User(uid=caller.uid, status="active")
                session.add(user)
            # A deleted account's tombstone is reused, so its version keeps counting up.
            user.role, user.birth_date_encrypted = data.role, encrypted
            user.status, user.deleted_at = "active", None
            await session.flush()
            await record(
                session, events.UserRegistered(uid=user.uid, version=user.version, role=user.role)
            )
            await session.refresh(user)
    except IntegrityError as exc:
        # A concurrent registration of the same uid won the insert.
        raise AlreadyRegistered("This account was registered concurrently.") from exc
    return user


async def read_account(resources: Resources, caller: Caller) -> User:
    async with resources.sessions() as session:
        user = await session.get(User, caller.uid)
    if user is None or user.status == "deleted":
        raise RegistrationRequired("This account is not registered yet.")
    return user


async def update_account(resources: Resources, account: Account, changes: AccountChanges) -> User:
    secret_key = resources.settings.secret_key
    async with resources.sessions.begin() as session:
        user = await _locked_user(session, account.uid)
        new_birth_date = changes.birth_date
        current = birth_dates.decrypt(user.birth_date_encrypted, secret_key)
        if isinstance(new_birth_date, dt.date) and new_birth_date != current:
            birth_dates.ensure_allowed(user.role, new_birth_date, birth_dates.today())
            user.birth_date_encrypted = birth_dates.encrypt(new_birth_date, secret_key)
            await session.flush()
            # The payload names the field, never its value: birth dates stay out of events.
            changed = events.UserUpdated(uid=user.uid, version=user.version, changed=["birth_date"])
            await record(session, changed)
            await session.refresh(user)
    return user


async def delete_account(resources: Resources, account: Account) -> None:
    async with resources.sessions.begin() as session:
        user = await _locked_user(session, account.uid)
        # The profile and its photos leave every public surface, with their own events.
        await remove_profile_of(session, user.uid)
        user.status, user.status_reason = "deleted", None
        user.deleted_at = dt.datetime.now(dt.UTC)
        user.birth_date_encrypted = birth_dates.ERASED
        await session.flush()
        await record(session, events.UserDeleted(uid=user.uid, version=user.version))
