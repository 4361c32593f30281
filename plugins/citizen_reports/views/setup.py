"""What citizens can report and where it goes, set in the admin: categories with their questions,
deadline policies, areas and routing rules.

Wagtail ``ModelViewSet``s in the "Citizen reports" menu, with model permissions:
the administrators and moderators change them, coordinators read them.
"""

import json

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet

from plugins.citizen_reports.models import Area, Category, ReportPolicy, RoutingRule
from plugins.citizen_reports.views import MENU_HOOK


class ChoicesInput(forms.Textarea):
    """The choices of a list question, one per line as ``key = name``, stored as ``[{"key", "name"}]``."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 4, **(attrs or {})})

    def format_value(self, value):
        try:
            choices = json.loads(value) if isinstance(value, str) else value
        except ValueError:
            return value
        if not isinstance(choices, list):
            return value
        return "\n".join(
            f"{choice.get('key', '')} = {choice.get('name', '')}" if isinstance(choice, dict) else str(choice)
            for choice in choices
        )

    def value_from_datadict(self, data, files, name):
        choices = []
        for line in (data.get(name) or "").splitlines():
            if line.strip():
                key, equals, label = line.partition("=")
                choices.append({"key": key.strip(), "name": (label if equals else key).strip()})
        return json.dumps(choices, ensure_ascii=False)


class CategoryViewSet(ModelViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    menu_order = 400
    menu_hook = MENU_HOOK
    url_prefix = "plugins/citizen_reports/categories"
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["name", "code", "group", "order", BooleanColumn("active", label=_("active"))]
    list_filter = ["group", "active"]
    search_fields = ["name", "code", "keywords"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("group"), FieldPanel("order")]),
        FieldPanel("description"),
        FieldPanel("help_text"),
        FieldPanel("keywords"),
        FieldPanel("active"),
        InlinePanel(
            "questions",
            heading=_("Extra questions"),
            label=_("Question"),
            help_text=_("Asked on the public form and offered to Open311 applications as attributes."),
            panels=[
                FieldRowPanel([FieldPanel("question"), FieldPanel("code")]),
                FieldPanel("description"),
                FieldRowPanel([FieldPanel("datatype"), FieldPanel("required"), FieldPanel("order")]),
                FieldPanel(
                    "values",
                    widget=ChoicesInput,
                    help_text=_(
                        "For list questions: one choice per line as “key = name”, e.g. “big = Duże”."
                    ),
                ),
            ],
        ),
    ]


class ReportPolicyViewSet(ModelViewSet):
    model = ReportPolicy
    icon = "time"
    menu_label = _("Deadline policies")
    menu_order = 410
    menu_hook = MENU_HOOK
    url_prefix = "plugins/citizen_reports/policies"
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["name", "category", "target", "amount", "unit", "remind_before_hours", "active"]
    list_display = [
        "name",
        Column("category", label=_("category"), accessor=lambda p: p.category or _("every other category")),
        Column("target", label=_("deadline for"), accessor="get_target_display"),
        Column("duration", label=_("time"), accessor="duration_display"),
        BooleanColumn("active", label=_("active")),
    ]
    list_filter = ["category", "target", "active"]


class AreaViewSet(ModelViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    menu_order = 420
    menu_hook = MENU_HOOK
    url_prefix = "plugins/citizen_reports/areas"
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["name", "boundary"]
    list_display = [
        "name",
        Column("points", label=_("points of the outline"), accessor=lambda a: len(a.boundary)),
    ]
    search_fields = ["name"]


class RoutingRuleViewSet(ModelViewSet):
    model = RoutingRule
    icon = "redirect"
    menu_label = _("Routing rules")
    menu_order = 430
    menu_hook = MENU_HOOK
    url_prefix = "plugins/citizen_reports/rules"
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["category", "area", "unit"]
    list_display = [
        Column("category", label=_("category")),
        Column("area", label=_("area"), accessor=lambda r: r.area or _("the whole city")),
        Column("unit", label=_("responsible unit")),
    ]
    list_filter = ["category", "area", "unit"]


@hooks.register("register_admin_viewset")
def register_setup_viewsets():
    return [
        CategoryViewSet("citizen_reports_category"),
        ReportPolicyViewSet("citizen_reports_policy"),
        AreaViewSet("citizen_reports_area"),
        RoutingRuleViewSet("citizen_reports_rule"),
    ]
