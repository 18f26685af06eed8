"""Members' reports of profiles and photos, and the admins' queue of them."""

from lumen.commands.reports.queue import ReportQueueController
from lumen.commands.reports.routes import MyReportsController, ReportController

__all__ = ["MyReportsController", "ReportController", "ReportQueueController"]
