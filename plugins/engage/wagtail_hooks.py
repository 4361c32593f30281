"""Engage in the admin: log actions and an "Engage" menu (inbox with its open count, insights, reply
templates, watch words) that every screen in views joins."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.search import SearchArea
from wagtail.admin.viewsets.base import ViewSetGroup

from plugins.engage import access, history
from plugins.engage.views import MENU_HOOK, dashboard, setup  # noqa: F401 - they register hooks


@hooks.register("register_log_actions")
def register_engage_actions(actions):
    for action, formatter in history.FORMATTERS.items():
        actions.register_action(action)(formatter)


class EngageMenu(ViewSetGroup):
    menu_label = _("Engage")
    menu_icon = "comment"
    menu_order = 230
    submenu_hook = MENU_HOOK


@hooks.register("register_admin_viewset")
def register_engage_menu():
    return EngageMenu()


class InboxMenuItem(MenuItem):
    """The inbox, with the count of open items the person sees."""

    def is_shown(self, request):
        return request.user.has_perm(access.VIEW)

    def render_component(self, request):
        component = super().render_component(request)
        count = access.items_for(request.user).open().count()
        if count:
            component.label = f"{self.label} ({count})"
        return component


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(access.INSIGHTS)


@hooks.register(MENU_HOOK)
def register_inbox_menu_item():
    return InboxMenuItem(_("Inbox"), reverse("engage:index"), name="inbox", icon_name="comment", order=100)


@hooks.register(MENU_HOOK)
def register_insights_menu_item():
    return InsightsMenuItem(
        _("Insights"), reverse("engage:insights"), name="insights", icon_name="table", order=200
    )


class InboxSearchArea(SearchArea):
    def is_shown(self, request):
        return request.user.has_perm(access.VIEW)


@hooks.register("register_admin_search_area")
def register_inbox_search_area():
    """The admin's search box offers the inbox, searched within what the user may see."""
    return InboxSearchArea(
        _("Engage inbox"), reverse("engage:index"), name="engage", icon_name="comment", order=320
    )
