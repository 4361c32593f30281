"""The SLA report in the admin: key figures, charts and tables of the reports' deadlines, and their CSV.

Open to everyone who sees citizen reports (``citizen_reports.view_report``); the
figures are those of the reports the person may see (plugins.citizen_reports.report).
"""

import csv

from django import forms
from django.http import HttpResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.core.charts import BarChart, Series
from cms.core.sla_report import PeriodForm
from cms.core.sla_report import SlaReportView as CoreSlaReportView
from cms.core.spreadsheets import safe_cell
from plugins.citizen_reports import report
from plugins.citizen_reports.models import Category
from plugins.citizen_reports.views import MENU_HOOK

PERMISSION = "citizen_reports.view_report"


class ReportForm(PeriodForm):
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"),
        queryset=Category.objects.all(),
        required=False,
        empty_label=gettext_lazy("Any category"),
    )
    field_order = ("start", "end", "category", "unit")

    def filters(self):
        """The valid filters asked for; the last twelve months where no valid period is given."""
        start, end = self.period()
        data = self.values()
        return report.Filters(start=start, end=end, category=data.get("category"), unit=data.get("unit"))


class SlaReportView(CoreSlaReportView):
    permission = PERMISSION
    template_name = "citizen_reports/admin/report.html"
    parent = ("citizen_reports:index", gettext_lazy("Citizen reports"))
    form_class = ReportForm
    filter_names = ("category", "unit")

    def default_filters(self):
        return report.Filters.default()

    def build(self, user, filters):
        return report.build(user, filters)

    def csv_response(self, result):
        return csv_response(result)

    def charts(self, result):
        return charts(result)


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
