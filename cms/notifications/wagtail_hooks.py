"""Notifications in the admin: their list, the dashboard panel and the menu item with the unread count."""

from django.urls import include, path, reverse
from django.utils.translation import gettext, gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem

from cms.notifications.models import Notification
from cms.notifications.panels import NotificationsPanel


class NotificationsMenuItem(MenuItem):
    """ "Notifications", with the user's unread count when there are any: "Notifications (3)"."""

    def render_component(self, request):
        count = Notification.objects.for_user(request.user).unread().count()
        label = gettext("Notifications (%(count)s)") % {"count": count} if count else self.label
        return LinkMenuItem(self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs)


@hooks.register("register_admin_urls")
def register_notifications_urls():
    return [path("notifications/", include("cms.notifications.admin_urls"))]


@hooks.register("register_admin_menu_item")
def register_notifications_menu_item():
    return NotificationsMenuItem(
        gettext_lazy("Notifications"),
        reverse("notifications:index"),
        name="notifications",
        icon_name="mail",
        order=950,
    )


@hooks.register("construct_homepage_panels")
def add_notifications_panel(request, panels):
    panels.append(NotificationsPanel())
