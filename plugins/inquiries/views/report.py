"""The SLA report in the admin: key figures, charts and tables of the desk's deadlines, and their CSV.

Open to everyone with the desk (``inquiries.view_inquiry``); the figures are
those of the cases the person may see (plugins.inquiries.report).
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
from plugins.inquiries import report
from plugins.inquiries.models import InquiryKind, Priority
from plugins.inquiries.views import MENU_HOOK

PERMISSION = "inquiries.view_inquiry"
DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
#: Cells a spreadsheet would read as a formula.


class ReportForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=DATE_WIDGET)
    kind = forms.ModelChoiceField(
        label=gettext_lazy("Kind"),
        queryset=InquiryKind.objects.all(),
        required=False,
        empty_label=gettext_lazy("Any kind"),
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit (with its sub-units)"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("Any unit"),
    )
    priority = forms.ChoiceField(
        label=gettext_lazy("Priority"),
        choices=[("", gettext_lazy("Any priority")), *Priority.choices],
        required=False,
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
        """The valid filters asked for; the last 90 days where no valid period is given."""
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
            kind=data.get("kind"),
            unit=data.get("unit"),
            priority=data.get("priority", ""),
        )


class ReportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("SLA report")
    header_icon = "table"
    template_name = "inquiries/report.html"

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
            {"url": reverse("inquiries:index"), "label": _("Inquiries")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_header_buttons(self):
        query = {**self.request.GET.dict(), "export": "csv"}
        url = f"{self.request.path}?{urlencode(query)}"
        return [HeaderButton(_("Download CSV"), url, icon_name="download")]

    def get_context_data(self, **kwargs):
        result = self.report
        filters = result.filters
        return super().get_context_data(
            form=self.form,
            report=result,
            filtered=bool(filters.kind or filters.unit or filters.priority),
            charts=charts(result),
            **kwargs,
        )


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
