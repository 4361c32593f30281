"""The CRM's admin: a "Media" menu that every screen in plugins.crm.views joins."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from plugins.crm.views import (  # noqa: F401 - each module registers its own hooks
    MENU_HOOK,
    audit,
    contacts,
    imports,
    mailing,
    personal_data,
    setup,
    tasks,
    timeline,
)


class MediaMenu(ViewSetGroup):
    menu_label = _("Media")
    menu_icon = "group"
    menu_order = 250
    submenu_hook = MENU_HOOK


@hooks.register("register_admin_viewset")
def register_media_menu():
    return MediaMenu()
