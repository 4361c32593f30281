"""The content calendar in the admin: its screens and its place in the menu."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_urls")
def register_calendar_urls():
    return [path("content-calendar/", include("cms.content_calendar.admin_urls"))]


@hooks.register("register_admin_menu_item")
def register_calendar_menu_item():
    return MenuItem(
        _("Content calendar"),
        reverse("content_calendar:index"),
        name="content-calendar",
        icon_name="calendar",
        order=150,
    )
