"""The frame of a plugin's SLA report in the admin: the period and unit filter, the view, its CSV button.

A plugin subclasses both and adds its own filters, figures and charts::

    class ReportForm(PeriodForm):
        kind = forms.ModelChoiceField(...)

        def filters(self):
            start, end = self.period()
            return report.Filters(start=start, end=end, kind=..., unit=...)


    class ReportView(SlaReportView):
        permission = "inquiries.view_inquiry"
        template_name = "inquiries/report.html"
        parent = ("inquiries:index", gettext_lazy("Inquiries"))
        form_class = ReportForm
        filter_names = ("kind", "unit")  # any of them set: the report is "filtered"

        def default_filters(self): ...  # the Filters of no choice (their start and end: the period)
        def build(self, user, filters): ...  # the report, whose .filters are ``filters``
        def csv_response(self, result): ...
        def charts(self, result): ...  # {name: BarChart}
"""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from cms.organisation.models import Unit
from cms.organisation.scoping import is_press_office, unit_ids

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class PeriodForm(forms.Form):
    """From, to and a unit among those the person sees; ``default`` holds the period when none is given."""

    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=DATE_WIDGET)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit (with its sub-units)"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("Any unit"),
    )

    def __init__(self, data, user, default):
        super().__init__(data, initial={"start": default.start, "end": default.end})
        self.default = default
        own = Unit.objects.all() if is_press_office(user) else Unit.objects.filter(pk__in=unit_ids(user))
        self.fields["unit"].queryset = own

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The period cannot end before it starts."))
        return data

    def values(self):
        """The valid fields asked for (none when unbound)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def period(self):
        """(start, end): the valid period asked for, completed from the default's length where half given."""
        default, data = self.default, self.values()
        start, end = (None, None) if self.non_field_errors() else (data.get("start"), data.get("end"))
        if start and not end:
            end = max(start, default.end)
        elif end and not start:
            start = end - (default.end - default.start)
        return start or default.start, end or default.end


class SlaReportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("SLA report")
    header_icon = "table"
    permission = ""
    #: (URL name, label) of the list the report belongs to, for the breadcrumbs.
    parent = ("", "")
    form_class = PeriodForm
    filter_names = ("unit",)

    def build(self, user, filters):
        raise NotImplementedError

    def csv_response(self, result):
        raise NotImplementedError

    def charts(self, result):
        raise NotImplementedError

    def default_filters(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.form = self.form_class(request.GET or None, request.user, self.default_filters())
        self.report = self.build(request.user, self.form.filters())
        if request.GET.get("export") == "csv":
            return self.csv_response(self.report)
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        url_name, label = self.parent
        return [
            *self.breadcrumbs_items,
            {"url": reverse(url_name), "label": label},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_header_buttons(self):
        query = {**self.request.GET.dict(), "export": "csv"}
        return [
            HeaderButton(_("Download CSV"), f"{self.request.path}?{urlencode(query)}", icon_name="download")
        ]

    def get_context_data(self, **kwargs):
        filters = self.report.filters
        return super().get_context_data(
            form=self.form,
            report=self.report,
            filtered=any(getattr(filters, name) for name in self.filter_names),
            charts=self.charts(self.report),
            **kwargs,
        )
