"""The desk's settings in the admin: the managed list of inquiry kinds and the response policies (SLA).

Wagtail ``ModelViewSet``s in the Settings menu, with model permissions: the press office head and the
administrators change them, coordinators read them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet

from plugins.inquiries.models import InquiryKind, ResponsePolicy


class InquiryKindViewSet(ModelViewSet):
    model = InquiryKind
    icon = "tag"
    menu_label = _("Inquiry kinds")
    menu_order = 910
    add_to_settings_menu = True
    url_prefix = "plugins/inquiries/kinds"
    form_fields = ["name", "description", "order", "active"]
    list_display = ["name", "order", BooleanColumn("active", label=_("active"))]
    search_fields = ["name"]


class ResponsePolicyViewSet(ModelViewSet):
    model = ResponsePolicy
    icon = "time"
    menu_label = _("Response policies")
    menu_order = 911
    add_to_settings_menu = True
    url_prefix = "plugins/inquiries/policies"
    form_fields = ["name", "kind", "priority", "amount", "unit", "remind_before_hours", "active"]
    list_display = [
        "name",
        Column("kind", label=_("kind"), accessor=lambda p: p.kind or _("every kind")),
        Column(
            "priority",
            label=_("priority"),
            accessor=lambda p: p.get_priority_display() or _("every priority"),
        ),
        Column("duration", label=_("time to answer"), accessor="duration_display"),
        BooleanColumn("active", label=_("active")),
    ]
    list_filter = ["kind", "priority", "active"]


@hooks.register("register_admin_viewset")
def register_setup_viewsets():
    return [InquiryKindViewSet("inquiries_kind"), ResponsePolicyViewSet("inquiries_policy")]
