"""The SLA report in the admin: key figures, charts and tables of the desk's deadlines, and their CSV.

Open to everyone with the desk (``inquiries.view_inquiry``); the figures are
those of the cases the person may see (plugins.inquiries.report).
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
from cms.core.sla_report import PeriodForm, SlaReportView
from cms.core.spreadsheets import safe_cell
from plugins.inquiries import report
from plugins.inquiries.models import InquiryKind, Priority
from plugins.inquiries.views import MENU_HOOK

PERMISSION = "inquiries.view_inquiry"


class ReportForm(PeriodForm):
    kind = forms.ModelChoiceField(
        label=gettext_lazy("Kind"),
        queryset=InquiryKind.objects.all(),
        required=False,
        empty_label=gettext_lazy("Any kind"),
    )
    priority = forms.ChoiceField(
        label=gettext_lazy("Priority"),
        choices=[("", gettext_lazy("Any priority")), *Priority.choices],
        required=False,
    )
    field_order = ("start", "end", "kind", "unit", "priority")

    def filters(self):
        """The valid filters asked for; the default period where no valid one is given."""
        start, end = self.period()
        data = self.values()
        return report.Filters(
            start=start,
            end=end,
            kind=data.get("kind"),
            unit=data.get("unit"),
            priority=data.get("priority", ""),
        )


class ReportView(SlaReportView):
    permission = PERMISSION
    template_name = "inquiries/report.html"
    parent = ("inquiries:index", gettext_lazy("Inquiries"))
    form_class = ReportForm
    filter_names = ("kind", "unit", "priority")

    def default_filters(self):
        return report.Filters.default()

    def build(self, user, filters):
        return report.build(user, filters)

    def csv_response(self, result):
        return csv_response(result)

    def charts(self, result):
        return charts(result)


def charts(result):
    """The report's charts by name: months, answers and overdue cases by unit and kind."""
    answering_units = [group for group in result.units if group.answered]
    answering_kinds = [group for group in result.kinds if group.answered]
    late_units = [group for group in result.units if group.overdue]
    late_kinds = [group for group in result.kinds if group.overdue]
    return {
        "months": BarChart(
            _("Answers on time by month"),
            labels=[date_format(month.month, "M Y") for month in result.months],
            series=[Series(_("On time"), [month.on_time_percent for month in result.months], "positive")],
            vertical=True,
            max_value=100,
            suffix="%",
            category_label=_("Month"),
            description=_("Share of the answers sent by their deadline in each of the last twelve months."),
        ),
        "units": _on_time_chart(_("Answers by unit"), _("Unit"), answering_units),
        "kinds": _on_time_chart(_("Answers by kind"), _("Kind"), answering_kinds),
        "late_units": _overdue_chart(_("Overdue cases by unit"), _("Unit"), late_units),
        "late_kinds": _overdue_chart(_("Overdue cases by kind"), _("Kind"), late_kinds),
    }


def _on_time_chart(title, category, groups):
    return BarChart(
        title,
        labels=[group.label for group in groups],
        series=[
            Series(_("On time"), [group.on_time for group in groups], "positive"),
            Series(_("Late"), [group.late for group in groups], "critical"),
        ],
        stacked=True,
        category_label=category,
        empty_text=_("No answers were sent in this period."),
    )


def _overdue_chart(title, category, groups):
    return BarChart(
        title,
        labels=[group.label for group in groups],
        series=[Series(_("Overdue cases"), [group.overdue for group in groups], "critical")],
        category_label=category,
        empty_text=_("No open case is past its deadline."),
    )


def csv_response(result):
    """The report's tables in one CSV: a row per group, the table it belongs to in the first column."""
    filters = result.filters
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"raport-sla-{filters.start:%Y-%m-%d}-{filters.end:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Table"),
            _("Group"),
            _("Answered"),
            _("On time"),
            _("Late"),
            _("On time (%)"),
            _("Median answer time (hours)"),
            _("Open cases"),
            _("Overdue cases"),
            _("Overdue unit parts"),
        ]
    )
    period = _("%(start)s – %(end)s") % {"start": filters.start, "end": filters.end}
    rows = [(_("Period"), period, result.summary, True, False)]
    rows += [(_("Month"), f"{month.month:%Y-%m}", month, False, False) for month in result.months]
    rows += [(_("Unit"), group.label, group, True, True) for group in result.units]
    rows += [(_("Kind"), group.label, group, True, False) for group in result.kinds]
    for table, label, figures, now, parts in rows:
        writer.writerow(
            [
                table,
                safe_cell(str(label)),
                figures.answered,
                figures.on_time,
                figures.late,
                _blank(figures.on_time_percent),
                _blank(figures.median_hours),
                figures.open if now else "",
                figures.overdue if now else "",
                figures.overdue_parts if parts else "",
            ]
        )
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
        reverse("inquiries:report"),
        name="sla-report",
        icon_name="table",
        order=300,
    )
