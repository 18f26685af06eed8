"""HTTP <-> account commands for the caller's own account (`/v1/me`)."""

from __future__ import annotations

from litestar import Controller, delete, get, patch, post
from litestar.params import JSONBody

from lumen.auth.dependencies import signed_in
from lumen.auth.errors import RegistrationRequired, Unauthenticated
from lumen.commands.accounts.handlers import (
    AlreadyRegistered,
    DeleteAccount,
    RegisterAccount,
    UpdateAccount,
    delete_account,
    read_account,
    register_account,
    update_account,
)
from lumen.commands.accounts.structs import AccountChanges, AccountView, Registration
from lumen.commands.birth_dates import InvalidBirthDate, UnderAge
from lumen.commands.boundary import Cmds
from lumen.http import Acc, Res, Who, raises


class MeController(Controller):
    path = "/v1/me"
    tags = ["accounts"]  # noqa: RUF012 - Litestar reads it as a class attribute

    @post(
        operation_id="registerAccount",
        summary="Register as a photographer or a model",
        opt=raises(Unauthenticated, AlreadyRegistered, InvalidBirthDate, UnderAge),
    )
    async def register(
        self, commands: Cmds, caller: Who, data: JSONBody[Registration]
    ) -> AccountView:
        """Makes the signed-in person a member. Every member must be 18 or older; the role
        is chosen once. Until then every call that needs an account answers 403
        `/problems/registration-required`."""
        command = RegisterAccount(caller=signed_in(caller), registration=data)
        return await commands.run(register_account, command)

    # Suspended users may still read their account: it tells them why they are suspended.
    @get(
        operation_id="readAccount",
        summary="Read my account",
        opt=raises(Unauthenticated, RegistrationRequired),
    )
    async def read(self, resources: Res, caller: Who) -> AccountView:
        """The caller's account with their birth date (shown to them only) and, when a
        moderator suspended it, why."""
        return await read_account(resources, signed_in(caller))

    @patch(
        operation_id="updateAccount",
        summary="Correct my birth date",
        opt=raises(InvalidBirthDate, UnderAge),
    )
    async def update(
        self, commands: Cmds, account: Acc, data: JSONBody[AccountChanges]
    ) -> AccountView:
        """The age rule applies again; the role cannot change."""
        return await commands.run(update_account, UpdateAccount(account=account, changes=data))

    @delete(operation_id="deleteAccount", summary="Delete my account")
    async def delete(self, commands: Cmds, account: Acc) -> None:
        """Removes the profile and every photo, erases the birth date and keeps a tombstone
        of the user (no personal data) so that the search indices never bring them back."""
        await commands.run(delete_account, DeleteAccount(account=account))
