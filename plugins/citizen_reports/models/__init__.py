"""The citizen reports' models, one module per part: see each module's docstring."""

from plugins.citizen_reports.models.categories import (
    Area,
    Category,
    CategoryQuestion,
    QuestionType,
    ReportPolicy,
    RoutingRule,
    Target,
)
from plugins.citizen_reports.models.keys import Open311Key
from plugins.citizen_reports.models.page import ReportPage
from plugins.citizen_reports.models.reports import (
    OPEN_STATES,
    PUBLIC_KINDS,
    Report,
    ReportPhoto,
    ReportState,
    ReportUpdate,
    Source,
    UpdateKind,
)

__all__ = [
    "OPEN_STATES",
    "PUBLIC_KINDS",
    "Area",
    "Category",
    "CategoryQuestion",
    "Open311Key",
    "QuestionType",
    "Report",
    "ReportPage",
    "ReportPhoto",
    "ReportPolicy",
    "ReportState",
    "ReportUpdate",
    "RoutingRule",
    "Source",
    "Target",
    "UpdateKind",
]
