"""Admin-only moderation: suspend and unsuspend users, hide and unhide photos."""

from lumen.commands.moderation.routes import ModerationController

__all__ = ["ModerationController"]
