"""The dashboard panel of the user's unread notifications."""

from wagtail.admin.ui.components import Component

from cms.notifications.models import Notification

#: How many unread notifications the dashboard lists; the rest are in the notifications list.
SHOWN = 10


class NotificationsPanel(Component):
    """The newest unread notifications with "Mark all as read"; nothing when all are read."""

    name = "notifications"
    template_name = "notifications/dashboard_panel.html"
    order = 100  # first: what the platform tells the user comes before their own lists

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        return {
            "notifications": list(Notification.objects.for_user(user).unread()[:SHOWN]),
            "csrf_token": parent_context["csrf_token"],
        }
