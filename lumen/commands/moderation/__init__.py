"""Admin-only moderation: suspend and unsuspend users, hide and unhide photos;
the audit trail."""

from lumen.commands.moderation.routes import ModerationController
from lumen.commands.moderation.trail import AuditTrailController

__all__ = ["AuditTrailController", "ModerationController"]
