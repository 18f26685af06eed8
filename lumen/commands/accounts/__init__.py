"""The caller's own account: register, read, correct, delete (`/v1/me`)."""

from lumen.commands.accounts.handlers import register_account
from lumen.commands.accounts.routes import MeController
from lumen.commands.accounts.structs import Registration

__all__ = ["MeController", "Registration", "register_account"]
