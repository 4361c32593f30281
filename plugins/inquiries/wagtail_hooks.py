"""The desk in the admin: log actions and the menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from plugins.inquiries import history


@hooks.register("register_log_actions")
def register_desk_actions(actions):
    for action, formatter in history.FORMATTERS.items():
        actions.register_action(action)(formatter)


@hooks.register("register_admin_menu_item")
def register_desk_menu():
    return MenuItem(_("Inquiries"), reverse("inquiries:index"), icon_name="mail", order=240)
