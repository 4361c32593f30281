"""The report list and the dispatcher queue: Wagtail's listing with filters, search and export, scoped.

Every row comes through :func:`cms.organisation.scoping.scoped`, so a unit's
representative filters, searches and exports only the reports of their units.
Each export is written to the audit log. The export carries no reporter's
personal data: the case page shows it to those who handle the report.
"""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic
from wagtail.log_actions import log

from cms.core.spreadsheets import SAFE_EXPORT
from cms.organisation.models import Unit
from cms.organisation.scoping import scoped
from plugins.citizen_reports import history, roles, routing
from plugins.citizen_reports.models import Area, Category, Report, ReportState, Source

PERMISSION = "citizen_reports.view_report"


class ReportFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"), choices=ReportState.choices, empty_label=gettext_lazy("Any state")
    )
    category = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Category"),
        queryset=Category.objects.all(),
        empty_label=gettext_lazy("Any category"),
    )
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Unit (with its sub-units)"),
        queryset=Unit.objects.filter(active=True),
        empty_label=gettext_lazy("Any unit"),
        method="filter_unit",
    )
    area = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Area"), queryset=Area.objects.all(), empty_label=gettext_lazy("Any area")
    )
    overdue = django_filters.BooleanFilter(
        label=gettext_lazy("Overdue"), method="filter_overdue", widget=django_filters.widgets.BooleanWidget
    )
    source = django_filters.ChoiceFilter(
        label=gettext_lazy("Came from"), choices=Source.choices, empty_label=gettext_lazy("Anywhere")
    )
    received = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Received"), field_name="received_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = Report
        fields = ["state", "category", "unit", "area", "overdue", "source", "received"]

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(unit__in=Unit.objects.filter(pk=unit.pk).with_descendants())

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Report.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class CaseColumn(Column):
    """The case number linking to the case page, with the category below it."""

    cell_template_name = "citizen_reports/admin/cells/case.html"

    def get_value(self, instance):
        return instance


class TimeLeftColumn(Column):
    """Time left to the resolution deadline in words and colour; for resolved reports, whether on time."""

    cell_template_name = "citizen_reports/admin/cells/time_left.html"

    def get_value(self, instance):
        return instance


class FirstResponseColumn(TimeLeftColumn):
    """Time left to the first word to the citizen, or whether it came on time."""

    cell_template_name = "citizen_reports/admin/cells/first_response.html"


def place(report):
    if report.address:
        return report.address
    return f"{report.latitude}, {report.longitude}" if report.has_point else ""


#: How a column of the export reads a report, where it is not the field's value as it is.
EXPORTED = {
    "category": lambda r: str(r.category),
    "area": lambda r: str(r.area or ""),
    "state": lambda r: r.get_state_display(),
    "source": lambda r: r.get_source_display(),
    "unit": lambda r: str(r.unit or ""),
    "handler": lambda r: get_user_display_name(r.handler) if r.handler else "",
    "duplicate_of": lambda r: r.duplicate_of.number if r.duplicate_of else "",
}


class ReportListMixin:
    """What the list and the queue share: the model, permission, scoping, case links, search."""

    model = Report
    any_permission_required = None
    search_kwarg = "q"
    header_icon = "warning"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def is_searchable(self):
        return True

    def search_queryset(self, queryset):
        return queryset.matching(self.search_query or "")

    def get_edit_url(self, instance):
        return reverse("citizen_reports:case", args=[instance.pk])


class ReportIndexView(ReportListMixin, generic.IndexView):
    index_url_name = "citizen_reports:index"
    index_results_url_name = "citizen_reports:index_results"
    add_url_name = "citizen_reports:new"
    add_item_label = gettext_lazy("New report")
    filterset_class = ReportFilterSet
    page_title = gettext_lazy("Citizen reports")
    default_ordering = "-received_at"
    export_filename = "zgloszenia"
    list_export = [
        "number",
        "category",
        "description",
        "address",
        "latitude",
        "longitude",
        "area",
        "state",
        "source",
        "unit",
        "handler",
        "duplicate_of",
        "received_at",
        "first_response_due_at",
        "first_response_at",
        "due_at",
        "resolved_at",
    ]
    custom_value_preprocess = SAFE_EXPORT

    def get_base_queryset(self):
        reports = Report.objects.select_related("category", "unit", "handler", "area", "duplicate_of")
        return scoped(reports, self.request.user)

    def get_valid_orderings(self):
        return ["received_at", "-received_at", "due_at", "-due_at", "number", "-number"]

    @cached_property
    def columns(self):
        return [
            CaseColumn("number", label=_("Report"), sort_key="number", width="22%"),
            Column("place", label=_("Place"), accessor=place),
            Column("unit", label=_("Unit"), accessor=lambda r: r.unit.code if r.unit else "—"),
            Column("state", label=_("State"), accessor="get_state_display"),
            DateColumn("received_at", label=_("Received"), sort_key="received_at"),
            TimeLeftColumn("due_at", label=_("Time left"), sort_key="due_at"),
            Column(
                "handler",
                label=_("Handled by"),
                accessor=lambda r: get_user_display_name(r.handler) if r.handler else "—",
            ),
        ]

    def to_row_dict(self, item):
        row = {}
        for name in self.list_export:
            read = EXPORTED.get(name)
            row[name] = read(item) if read else getattr(item, name)
        return row

    def get_add_url(self):
        return super().get_add_url() if self.request.user.has_perm("citizen_reports.add_report") else None

    @cached_property
    def no_results_message(self):
        if self.is_filtering or self.is_searching:
            return _("No reports match these filters.")
        return _(
            "No reports yet. Citizens' reports from the report page and Open311 applications appear here; "
            "reports taken by phone or in person are registered with “New report”."
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        query = self.request.GET.copy()
        query.pop("export", None)
        log(
            instance=ContentType.objects.get_for_model(Report),
            action=history.EXPORT,
            user=self.request.user,
            data={"format": spreadsheet_format, "rows": queryset.count(), "filters": query.urlencode()},
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)


class QueueView(ReportListMixin, generic.IndexView):
    """The dispatcher queue: open reports no unit is responsible for, oldest first."""

    index_url_name = "citizen_reports:queue"
    index_results_url_name = "citizen_reports:queue_results"
    page_title = gettext_lazy("Dispatcher queue")
    default_ordering = "received_at"

    def dispatch(self, request, *args, **kwargs):
        if not roles.is_dispatcher(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return scoped(Report.objects.unrouted().select_related("category", "area"), self.request.user)

    def get_valid_orderings(self):
        return ["received_at", "-received_at"]

    @cached_property
    def columns(self):
        return [
            CaseColumn("number", label=_("Report"), width="25%"),
            Column("place", label=_("Place"), accessor=place),
            Column("area", label=_("Area"), accessor=lambda r: r.area or "—"),
            Column("state", label=_("State"), accessor="get_state_display"),
            DateColumn("received_at", label=_("Received"), sort_key="received_at"),
            FirstResponseColumn("first_response_due_at", label=_("First response")),
            Column(
                "duplicates",
                label=_("Possible duplicates"),
                accessor=lambda r: r.duplicate_count or "—",
            ),
        ]

    def paginate_queryset(self, queryset, page_size):
        """The page's reports, each with its count of possible duplicates (one query for the page)."""
        paginator, page, reports, is_paginated = super().paginate_queryset(queryset, page_size)
        reports = list(reports)
        counts = routing.duplicate_counts(reports)
        for report in reports:
            report.duplicate_count = counts[report.pk]
        return paginator, page, reports, is_paginated

    @cached_property
    def no_results_message(self):
        if self.is_searching:
            return _("No report in the queue matches the search.")
        return _("The queue is empty: every open report has its unit.")
