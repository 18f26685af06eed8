"""Account commands, each with its handler: lock the user row, change it, record its event."""

from __future__ import annotations

import datetime as dt

import msgspec
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from lumen import events
from lumen.auth.accounts import Account
from lumen.auth.errors import RegistrationRequired
from lumen.auth.tokens import Caller
from lumen.commands import birth_dates
from lumen.commands.accounts.structs import AccountChanges, AccountView, Registration, view_of
from lumen.commands.profiles import remove_profile_of
from lumen.commands.unit_of_work import UnitOfWork
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


class RegisterAccount(msgspec.Struct, frozen=True, kw_only=True):
    caller: Caller
    registration: Registration


async def register_account(command: RegisterAccount, uow: UnitOfWork) -> AccountView:
    caller, data = command.caller, command.registration
    birth_dates.ensure_allowed(data.role, data.birth_date, birth_dates.today())
    secret_key = uow.settings.secret_key
    try:
        async with uow as session:
            user = await session.get(User, caller.uid, with_for_update=True)
            if user is not None and user.status != "deleted":
                raise AlreadyRegistered("Read it with GET /v1/me or change it with PATCH.")
            if user is None:
                user = User(uid=caller.uid, status="active")
                session.add(user)
            # A deleted account's tombstone is reused, so its version keeps counting up.
            user.role = data.role
            user.birth_date_encrypted = birth_dates.encrypt(data.birth_date, secret_key)
            user.status, user.deleted_at = "active", None
            await session.flush()
            await record(
                session, events.UserRegistered(uid=user.uid, version=user.version, role=user.role)
            )
            await session.refresh(user)
            return await uow.commit(view_of(user, caller, secret_key))
    except IntegrityError as exc:
        # A concurrent registration of the same uid won the insert.
        raise AlreadyRegistered("This account was registered concurrently.") from exc


async def read_account(resources: Resources, caller: Caller) -> AccountView:
    async with resources.sessions() as session:
        user = await session.get(User, caller.uid)
    if user is None or user.status == "deleted":
        raise RegistrationRequired("This account is not registered yet.")
    return view_of(user, caller, resources.settings.secret_key)


class UpdateAccount(msgspec.Struct, frozen=True, kw_only=True):
    account: Account
    changes: AccountChanges


async def update_account(command: UpdateAccount, uow: UnitOfWork) -> AccountView:
    secret_key = uow.settings.secret_key
    async with uow as session:
        user = await _locked_user(session, command.account.uid)
        new_birth_date = command.changes.birth_date
        current = birth_dates.decrypt(user.birth_date_encrypted, secret_key)
        if isinstance(new_birth_date, dt.date) and new_birth_date != current:
            birth_dates.ensure_allowed(user.role, new_birth_date, birth_dates.today())
            user.birth_date_encrypted = birth_dates.encrypt(new_birth_date, secret_key)
            await session.flush()
            # The payload names the field, never its value: birth dates stay out of events.
            changed = events.UserUpdated(uid=user.uid, version=user.version, changed=["birth_date"])
            await record(session, changed)
            await session.refresh(user)
        return await uow.commit(view_of(user, command.account, secret_key))


class DeleteAccount(msgspec.Struct, frozen=True, kw_only=True):
    account: Account


async def delete_account(command: DeleteAccount, uow: UnitOfWork) -> None:
    async with uow as session:
        user = await _locked_user(session, command.account.uid)
        # The profile and its photos leave every public surface, with their own events.
        if erasure := await remove_profile_of(session, user.uid):
            uow.enqueue(erasure)
        user.status, user.status_reason = "deleted", None
        user.deleted_at = dt.datetime.now(dt.UTC)
        user.birth_date_encrypted = birth_dates.ERASED
        await session.flush()
        await record(session, events.UserDeleted(uid=user.uid, version=user.version))
        await uow.commit(None)
