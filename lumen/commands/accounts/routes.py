"""HTTP <-> account commands for the caller's own account (`/v1/me`)."""

from __future__ import annotations

from litestar import Controller, delete, get, patch, post
from litestar.params import JSONBody

from lumen.auth.dependencies import signed_in
from lumen.commands.accounts.handlers import (
    DeleteAccount,
    RegisterAccount,
    UpdateAccount,
    delete_account,
    read_account,
    register_account,
    update_account,
)
from lumen.commands.accounts.structs import AccountChanges, AccountView, Registration
from lumen.commands.boundary import Cmds
from lumen.http import Acc, Res, Who


class MeController(Controller):
    path = "/v1/me"
    tags = ["accounts"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post(operation_id="registerAccount")
    async def register(
        self, commands: Cmds, caller: Who, data: JSONBody[Registration]
    ) -> AccountView:
        command = RegisterAccount(caller=signed_in(caller), registration=data)
        return await commands.run(register_account, command)

    # Suspended users may still read their account: it tells them why they are suspended.
    @get(operation_id="readAccount")
    async def read(self, resources: Res, caller: Who) -> AccountView:
        return await read_account(resources, signed_in(caller))

    @patch(operation_id="updateAccount")
    async def update(
        self, commands: Cmds, account: Acc, data: JSONBody[AccountChanges]
    ) -> AccountView:
        return await commands.run(update_account, UpdateAccount(account=account, changes=data))

    @delete(operation_id="deleteAccount")
    async def delete(self, commands: Cmds, account: Acc) -> None:
        await commands.run(delete_account, DeleteAccount(account=account))
