"""The caller's own account: register, read, correct, delete (`/v1/me`)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec
from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from lumen.auth.dependencies import Account, signed_in
from lumen.auth.errors import RegistrationRequired
from lumen.auth.tokens import Caller
from lumen.commands import birth_dates
from lumen.db.outbox import record
from lumen.db.users import User
from lumen.problems import DomainError
from lumen.resources import Resources


class AlreadyRegistered(DomainError):
    status = 409
    slug = "already-registered"
    title = "This account is already registered"


class Registration(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    role: Literal["photographer", "model"]
    birth_date: dt.date


class AccountChanges(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    # The role is fixed at registration: a profile's role-specific attributes and the
    # audiences that found it depend on it. A birth date can be corrected.
    birth_date: dt.date | msgspec.UnsetType = msgspec.UNSET


class AccountView(msgspec.Struct, kw_only=True):
    uid: str
    role: str
    status: str
    status_reason: str | None
    birth_date: dt.date | None
    is_admin: bool
    version: int
    created_at: dt.datetime


def _view(user: User, caller: Caller | Account, secret_key: str) -> AccountView:
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
            record(session, "user", user.uid, user.version, "UserRegistered", {"role": user.role})
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
            payload = {"changed": ["birth_date"]}
            record(session, "user", user.uid, user.version, "UserUpdated", payload)
            await session.refresh(user)
    return user


async def delete_account(resources: Resources, account: Account) -> None:
    async with resources.sessions.begin() as session:
        user = await _locked_user(session, account.uid)
        user.status, user.status_reason = "deleted", None
        user.deleted_at = dt.datetime.now(dt.UTC)
        user.birth_date_encrypted = birth_dates.ERASED
        await session.flush()
        record(session, "user", user.uid, user.version, "UserDeleted")


class MeController(Controller):
    path = "/v1/me"
    tags = ["accounts"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post(operation_id="registerAccount")
    async def register(
        self,
        resources: NamedDependency[Resources],
        caller: NamedDependency[Caller | None],
        data: Registration,
    ) -> AccountView:
        who = signed_in(caller)
        user = await register_account(resources, who, data)
        return _view(user, who, resources.settings.secret_key)

    # Suspended users may still read their account: it tells them why they are suspended.
    @get(operation_id="readAccount")
    async def read(
        self, resources: NamedDependency[Resources], caller: NamedDependency[Caller | None]
    ) -> AccountView:
        who = signed_in(caller)
        user = await read_account(resources, who)
        return _view(user, who, resources.settings.secret_key)

    @patch(operation_id="updateAccount")
    async def update(
        self,
        resources: NamedDependency[Resources],
        account: NamedDependency[Account],
        data: AccountChanges,
    ) -> AccountView:
        user = await update_account(resources, account, data)
        return _view(user, account, resources.settings.secret_key)

    @delete(operation_id="deleteAccount")
    async def delete(
        self, resources: NamedDependency[Resources], account: NamedDependency[Account]
    ) -> None:
        await delete_account(resources, account)
