"""HTTP <-> account commands for the caller's own account (`/v1/me`)."""

from __future__ import annotations

from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from lumen.auth.accounts import Account
from lumen.auth.dependencies import signed_in
from lumen.auth.tokens import Caller
from lumen.commands.accounts.handlers import (
    delete_account,
    read_account,
    register_account,
    update_account,
)
from lumen.commands.accounts.structs import AccountChanges, AccountView, Registration, view_of
from lumen.resources import Resources


class MeController(Controller):
    path = "/v1/me"
    tags = ["accounts"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post(operation_id="registerAccount")
    async def register(
        self,
        resources: NamedDependency[Resources],
        caller: NamedDependency[Caller | None],
        data: JSONBody[Registration],
    ) -> AccountView:
        who = signed_in(caller)
        user = await register_account(resources, who, data)
        return view_of(user, who, resources.settings.secret_key)

    # Suspended users may still read their account: it tells them why they are suspended.
    @get(operation_id="readAccount")
    async def read(
        self, resources: NamedDependency[Resources], caller: NamedDependency[Caller | None]
    ) -> AccountView:
        who = signed_in(caller)
        user = await read_account(resources, who)
        return view_of(user, who, resources.settings.secret_key)

    @patch(operation_id="updateAccount")
    async def update(
        self,
        resources: NamedDependency[Resources],
        account: NamedDependency[Account],
        data: JSONBody[AccountChanges],
    ) -> AccountView:
        user = await update_account(resources, account, data)
        return view_of(user, account, resources.settings.secret_key)

    @delete(operation_id="deleteAccount")
    async def delete(
        self, resources: NamedDependency[Resources], account: NamedDependency[Account]
    ) -> None:
        await delete_account(resources, account)
