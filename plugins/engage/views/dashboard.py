"""The "Engage inbox" panel on the admin dashboard: open items, those with watch words, those assigned
to me; and the inbox's menu item shows the open count."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from plugins.engage import access

LIMIT = 5


@dataclass
class Summary:
    open: int
    alerting: int
    mine: int
    latest: list


def summary_of(user):
    """What waits in the inbox for ``user``; None without the inbox."""
    if not user.has_perm(access.VIEW):
        return None
    waiting = access.items_for(user).open()
    counts = waiting.aggregate(
        open=Count("pk"),
        alerting=Count("pk", filter=~Q(keywords=[])),
        mine=Count("pk", filter=Q(assigned_to=user)),
    )
    latest = list(waiting.select_related("channel").order_by("-created_at", "-pk")[:LIMIT])
    return Summary(**counts, latest=latest)


class InboxPanel(Component):
    name = "engage_inbox"
    template_name = "engage/dashboard/inbox.html"
    order = 170

    def get_context_data(self, parent_context):
        return {"summary": summary_of(parent_context["request"].user), "heading": _("Engage inbox")}


@hooks.register("construct_homepage_panels")
def add_inbox_panel(request, panels):
    panels.append(InboxPanel())
