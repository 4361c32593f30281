"""The "My reports" panel on the admin dashboard: the dispatcher queue, and the open reports of my units."""

from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from cms.organisation.scoping import unit_ids
from plugins.citizen_reports import roles
from plugins.citizen_reports.models import Report

LIMIT = 10


@dataclass
class Section:
    heading: str
    url_name: str  # the screen with every report of the section
    reports: list = field(default_factory=list)
    more: int = 0  # reports beyond those shown


def _section(heading, url_name, reports):
    shown = list(reports[:LIMIT])
    more = reports.count() - LIMIT if len(shown) == LIMIT else 0
    return Section(heading, url_name, shown, more)


def sections_of(user):
    """The non-empty sections: the queue for dispatchers (oldest first), the open reports of the user's
    units (overdue first)."""
    if not user.has_perm("citizen_reports.view_report"):
        return []
    reports = Report.objects.select_related("category", "unit")
    sections = []
    if roles.is_dispatcher(user):
        queue = reports.unrouted().order_by("received_at", "pk")
        sections.append(_section(_("Dispatcher queue"), "citizen_reports:queue", queue))
    units = unit_ids(user)
    if units:
        mine = reports.open().filter(Q(unit_id__in=units) | Q(handler=user))
        mine = mine.order_by(F("due_at").asc(nulls_last=True), "pk")
        sections.append(_section(_("Open reports of your units"), "citizen_reports:index", mine))
    return [section for section in sections if section.reports]


class MyReportsPanel(Component):
    name = "citizen_reports_my_reports"
    template_name = "citizen_reports/admin/dashboard/my_reports.html"
    order = 160

    def get_context_data(self, parent_context):
        return {"sections": sections_of(parent_context["request"].user)}


@hooks.register("construct_homepage_panels")
def add_my_reports_panel(request, panels):
    panels.append(MyReportsPanel())
