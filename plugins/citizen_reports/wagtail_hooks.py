"""Citizen reports in the admin: log actions, a search area and a "Citizen reports" menu that every
screen in views joins."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.search import SearchArea
from wagtail.admin.viewsets.base import ViewSetGroup

from plugins.citizen_reports import history, roles
from plugins.citizen_reports.views import MENU_HOOK, dashboard, keys, report, setup  # noqa: F401 - they register hooks

PERMISSION = "citizen_reports.view_report"


@hooks.register("register_log_actions")
def register_report_actions(actions):
    for action, formatter in history.FORMATTERS.items():
        actions.register_action(action)(formatter)


class CitizenReportsMenu(ViewSetGroup):
    menu_label = _("Citizen reports")
    menu_icon = "warning"
    menu_order = 250
    submenu_hook = MENU_HOOK


@hooks.register("register_admin_viewset")
def register_citizen_reports_menu():
    return CitizenReportsMenu()


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_dispatcher(request.user) and request.user.has_perm(PERMISSION)


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register(MENU_HOOK)
def register_queue_menu_item():
    return QueueMenuItem(
        _("Dispatcher queue"), reverse("citizen_reports:queue"), name="queue", icon_name="list-ul", order=100
    )


@hooks.register(MENU_HOOK)
def register_reports_menu_item():
    return ReportsMenuItem(
        _("Reports"), reverse("citizen_reports:index"), name="reports", icon_name="warning", order=200
    )


class ReportSearchArea(SearchArea):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_search_area")
def register_report_search_area():
    """The admin's search box offers the report list, searched within what the user may see."""
    return ReportSearchArea(
        _("Citizen reports"),
        reverse("citizen_reports:index"),
        name="citizen_reports",
        icon_name="warning",
        order=310,
    )
