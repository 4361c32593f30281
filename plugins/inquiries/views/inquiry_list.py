"""The inquiry list: Wagtail's listing with filters, search and CSV/XLSX export, scoped to the user.

Every row comes through :func:`cms.organisation.scoping.scoped`, so a unit's
representative filters, searches and exports only the cases of their units.
Each export is written to the audit log, since it carries journalists' names.
"""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic

from cms.core.spreadsheets import SAFE_EXPORT
from cms.organisation.models import Unit
from cms.organisation.scoping import scoped
from plugins.crm import audit
from plugins.inquiries import roles
from plugins.inquiries.models import Inquiry, InquiryKind, InquiryState, Priority


class InquiryFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"), choices=InquiryState.choices, empty_label=gettext_lazy("Any state")
    )
    kind = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Kind"), queryset=InquiryKind.objects.all(), empty_label=gettext_lazy("Any kind")
    )
    priority = django_filters.ChoiceFilter(
        label=gettext_lazy("Priority"), choices=Priority.choices, empty_label=gettext_lazy("Any priority")
    )
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.filter(active=True),
        empty_label=gettext_lazy("Any unit"),
        method="filter_unit",
    )
    coordinator = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Coordinator"),
        queryset=lambda request: roles.people_with("coordinate_inquiry"),
        empty_label=gettext_lazy("Anyone"),
    )
    overdue = django_filters.BooleanFilter(
        label=gettext_lazy("Overdue"), method="filter_overdue", widget=django_filters.widgets.BooleanWidget
    )

    class Meta:
        model = Inquiry
        fields = ["state", "kind", "priority", "unit", "coordinator", "overdue"]

    def filter_unit(self, queryset, name, unit):
        return queryset.assigned_to(Unit.objects.filter(pk=unit.pk).with_descendants())

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Inquiry.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class CaseColumn(Column):
    """The subject linking to the case page, with the number and kind below it."""

    cell_template_name = "inquiries/cells/case.html"

    def get_value(self, instance):
        return instance


class TimeLeftColumn(Column):
    """Time left to the answer deadline in colour; for answered cases, whether it was on time."""

    cell_template_name = "inquiries/cells/time_left.html"

    def get_value(self, instance):
        return instance


def units_of(inquiry):
    return ", ".join(a.unit.code for a in inquiry.assignments.all())


#: How a column of the export reads a case, where it is not the field's value as it is.
EXPORTED = {
    "kind": lambda i: str(i.kind),
    "priority": lambda i: i.get_priority_display(),
    "state": lambda i: i.get_state_display(),
    "journalist": lambda i: str(i.journalist or ""),
    "outlet": lambda i: str(i.outlet or ""),
    "coordinator": lambda i: get_user_display_name(i.coordinator),
    "units": units_of,
}


class InquiryIndexView(generic.IndexView):
    model = Inquiry
    index_url_name = "inquiries:index"
    index_results_url_name = "inquiries:index_results"
    add_url_name = "inquiries:new"
    add_item_label = gettext_lazy("New inquiry")
    any_permission_required = None
    filterset_class = InquiryFilterSet
    search_kwarg = "q"
    page_title = gettext_lazy("Inquiries")
    header_icon = "mail"
    paginate_by = 50
    default_ordering = "-received_at"
    export_filename = "zapytania"
    list_export = [
        "number",
        "subject",
        "kind",
        "priority",
        "state",
        "journalist",
        "outlet",
        "coordinator",
        "units",
        "received_at",
        "due_at",
        "answered_at",
    ]
    export_headings = {"units": gettext_lazy("Units")}
    custom_value_preprocess = SAFE_EXPORT

    @cached_property
    def is_searchable(self):
        return True

    def get_base_queryset(self):
        inquiries = Inquiry.objects.select_related("kind", "journalist", "outlet", "coordinator")
        return scoped(inquiries.prefetch_related("assignments__unit"), self.request.user)

    def search_queryset(self, queryset):
        return queryset.matching(self.search_query or "")

    def get_valid_orderings(self):
        return ["received_at", "-received_at", "due_at", "-due_at", "number", "-number"]

    def get_edit_url(self, instance):
        return reverse("inquiries:case", args=[instance.pk])

    @cached_property
    def columns(self):
        return [
            CaseColumn("subject", label=_("Case"), sort_key="number", width="30%"),
            Column("priority", label=_("Priority"), accessor="get_priority_display"),
            Column("journalist", label=_("Journalist")),
            Column(
                "coordinator", label=_("Coordinator"), accessor=lambda i: get_user_display_name(i.coordinator)
            ),
            Column("units", label=_("Units"), accessor=units_of),
            Column("state", label=_("State"), accessor="get_state_display"),
            TimeLeftColumn("due_at", label=_("Time left"), sort_key="due_at"),
            DateColumn("received_at", label=_("Received"), sort_key="received_at"),
        ]

    def to_row_dict(self, item):
        row = {}
        for name in self.list_export:
            read = EXPORTED.get(name)
            row[name] = read(item) if read else getattr(item, name)
        return row

    def get_add_url(self):
        return super().get_add_url() if roles.is_coordinator(self.request.user) else None

    @cached_property
    def no_results_message(self):
        if self.is_filtering or self.is_searching:
            return _("No inquiries match these filters.")
        return _(
            "No inquiries yet. New e-mails to the press office mailbox appear here; "
            "questions taken by phone are registered with “New inquiry”."
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        query = self.request.GET.copy()
        query.pop("export", None)
        audit.record(
            ContentType.objects.get_for_model(Inquiry),
            audit.EXPORT,
            user=self.request.user,
            format=spreadsheet_format,
            rows=queryset.count(),
            filters=query.urlencode(),
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)
