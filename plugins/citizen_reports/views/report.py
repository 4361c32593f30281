"""The SLA report in the admin: key figures, charts and tables of the reports' deadlines, and their CSV.

Open to everyone who sees citizen reports (``citizen_reports.view_report``); the
figures are those of the reports the person may see (plugins.citizen_reports.report).
"""

import csv
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from cms.core.charts import BarChart, Series
from cms.core.spreadsheets import safe_cell
from cms.organisation.models import Unit
from cms.organisation.scoping import is_press_office, unit_ids
from plugins.citizen_reports import report
from plugins.citizen_reports.models import Category
from plugins.citizen_reports.views import MENU_HOOK

PERMISSION = "citizen_reports.view_report"
DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ReportForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=DATE_WIDGET)
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"),
        queryset=Category.objects.all(),
        required=False,
        empty_label=gettext_lazy("Any category"),
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit (with its sub-units)"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("Any unit"),
    )

    def __init__(self, data, user):
        default = report.Filters.default()
        super().__init__(data, initial={"start": default.start, "end": default.end})
        own = Unit.objects.all() if is_press_office(user) else Unit.objects.filter(pk__in=unit_ids(user))
        self.fields["unit"].queryset = own

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The period cannot end before it starts."))
        return data

    def filters(self):
        """The valid filters asked for; the last twelve months where no valid period is given."""
        default = report.Filters.default()
        if not self.is_bound:
            return default
        self.is_valid()
        data = self.cleaned_data  # the valid fields; a period ending before it starts is left out
        start, end = (None, None) if self.non_field_errors() else (data.get("start"), data.get("end"))
        if start and not end:
            end = max(start, default.end)
        elif end and not start:
            start = end - (default.end - default.start)
        return report.Filters(
            start=start or default.start,
            end=end or default.end,
            category=data.get("category"),
            unit=data.get("unit"),
        )


class SlaReportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("SLA report")
    header_icon = "table"
    template_name = "citizen_reports/admin/report.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.form = ReportForm(request.GET or None, request.user)
        self.report = report.build(request.user, self.form.filters())
        if request.GET.get("export") == "csv":
            return csv_response(self.report)
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("citizen_reports:index"), "label": _("Citizen reports")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_header_buttons(self):
        query = {**self.request.GET.dict(), "export": "csv"}
        url = f"{self.request.path}?{urlencode(query)}"
        return [HeaderButton(_("Download CSV"), url, icon_name="download")]

    def get_context_data(self, **kwargs):
        result = self.report
        return super().get_context_data(
            form=self.form,
            report=result,
            filtered=bool(result.filters.category or result.filters.unit),
            charts=charts(result),
            **kwargs,
        )


def charts(result):
    """The report's charts by name: reports per month; deadlines met and reports overdue by unit, category."""
    return {
        "months": BarChart(
            _("Reports per month"),
            labels=[date_format(month.month, "M Y") for month in result.months],
            series=[
                Series(_("Received"), [month.received for month in result.months], "primary"),
                Series(_("Resolved"), [month.resolved for month in result.months], "positive"),
            ],
            vertical=True,
            category_label=_("Month"),
            description=_("Reports received and reports resolved in each month of the period."),
        ),
        "units": _on_time_chart(_("Deadlines met by unit"), _("Unit"), result.units),
        "categories": _on_time_chart(_("Deadlines met by category"), _("Category"), result.categories),
        "late_units": _overdue_chart(_("Overdue reports by unit"), _("Unit"), result.units),
        "late_categories": _overdue_chart(_("Overdue reports by category"), _("Category"), result.categories),
    }


def _on_time_chart(title, category, groups):
    groups = [group for group in groups if group.responded or group.resolved]
    return BarChart(
        title,
        labels=[group.label for group in groups],
        series=[
            Series(_("First response on time"), [g.response_on_time_percent for g in groups], "primary"),
            Series(_("Resolution on time"), [g.resolution_on_time_percent for g in groups], "positive"),
        ],
        max_value=100,
        suffix="%",
        category_label=category,
        empty_text=_("No report was answered or resolved in this period."),
    )


def _overdue_chart(title, category, groups):
    groups = [group for group in groups if group.overdue]
    return BarChart(
        title,
        labels=[group.label for group in groups],
        series=[Series(_("Overdue reports"), [group.overdue for group in groups], "critical")],
        category_label=category,
        empty_text=_("No open report is past its resolution deadline."),
    )


def csv_response(result):
    """The report's tables in one CSV: a row per group, the table it belongs to in the first column."""
    filters = result.filters
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"raport-sla-zgloszen-{filters.start:%Y-%m-%d}-{filters.end:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Table"),
            _("Group"),
            _("Received"),
            _("First responses"),
            _("First responses on time"),
            _("First responses on time (%)"),
            _("Resolved"),
            _("Resolved on time"),
            _("Resolved on time (%)"),
            _("Median resolution time (hours)"),
            _("Open reports"),
            _("Overdue reports"),
        ]
    )
    period = _("%(start)s – %(end)s") % {"start": filters.start, "end": filters.end}
    groups = [(_("Period"), period, result.summary)]
    groups += [(_("Unit"), group.label, group) for group in result.units]
    groups += [(_("Category"), group.label, group) for group in result.categories]
    for table, label, g in groups:
        writer.writerow(
            [
                table,
                safe_cell(str(label)),
                g.received,
                g.responded,
                g.responded_on_time,
                _blank(g.response_on_time_percent),
                g.resolved,
                g.resolved_on_time,
                _blank(g.resolution_on_time_percent),
                _blank(g.median_hours),
                g.open,
                g.overdue,
            ]
        )
    for month in result.months:
        writer.writerow([_("Month"), f"{month.month:%Y-%m}", month.received, "", "", "", month.resolved])
    return response


def _blank(value):
    return "" if value is None else value


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register(MENU_HOOK)
def register_report_menu_item():
    return ReportMenuItem(
        gettext_lazy("SLA report"),
        reverse("citizen_reports:report"),
        name="citizen-reports-sla",
        icon_name="table",
        order=300,
    )
