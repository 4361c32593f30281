"""The desk in the admin: log actions and an "Inquiry desk" menu that every screen in views joins."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.search import SearchArea
from wagtail.admin.viewsets.base import ViewSetGroup

import plugins.inquiries.views.report  # noqa: F401  (registers the report's menu item)
import plugins.inquiries.views.requests  # noqa: F401  (internal requests: menu item, page editor links)
from plugins.inquiries import history
from plugins.inquiries.views import MENU_HOOK, dashboard, quarantine, setup  # noqa: F401 - they register their hooks


@hooks.register("register_log_actions")
def register_desk_actions(actions):
    for action, formatter in history.FORMATTERS.items():
        actions.register_action(action)(formatter)


class DeskMenu(ViewSetGroup):
    menu_label = _("Inquiry desk")
    menu_icon = "mail"
    menu_order = 240
    submenu_hook = MENU_HOOK


@hooks.register("register_admin_viewset")
def register_desk_menu():
    return DeskMenu()


@hooks.register(MENU_HOOK)
def register_inquiries_menu_item():
    return MenuItem(_("Inquiries"), reverse("inquiries:index"), name="inquiries", icon_name="mail", order=100)


@hooks.register("register_admin_search_area")
def register_inquiry_search_area():
    """The admin's search box offers the inquiry list, searched within what the user may see."""
    return SearchArea(
        _("Inquiries"), reverse("inquiries:index"), name="inquiries", icon_name="mail", order=300
    )
