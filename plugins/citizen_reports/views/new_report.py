"""Registering a report taken by phone or in person: the same intake as the public form and Open311."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from plugins.citizen_reports import intake
from plugins.citizen_reports.views.forms import REPORTER, NewReportForm

PERMISSION = "citizen_reports.add_report"
#: intake's names of problems that belong to another field of this form.
ERROR_FIELDS = {"location": "latitude"}


class NewReportView(WagtailAdminTemplateMixin, FormView):
    form_class = NewReportForm
    template_name = "wagtailadmin/generic/form.html"
    page_title = gettext_lazy("New report")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"category": self.request.GET.get("category")}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("citizen_reports:index"), "label": _("Citizen reports")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=_("Register the report"),
            submit_button_active_label=_("Saving…"),
            media=context["form"].media,
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        submission = intake.Submission(
            category=data["category"],
            description=data["description"],
            address=data["address"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            attributes=form.answers(),
            consent=data["consent"],
            consent_required=False,
            source=data["source"],
            photos=[(upload.name, upload.read()) for upload in data["photos"]],
            **{name: data[name] for name in REPORTER},
        )
        try:
            report = intake.submit(submission, received_at=data["received_at"], user=self.request.user)
        except intake.ReportInvalid as refusal:
            for name, message in refusal.errors.items():
                name = ERROR_FIELDS.get(name, name)
                form.add_error(name if name in form.fields else None, message)
            if data["photos"] and "photos" not in refusal.errors:
                form.add_error("photos", _("Choose the photos again: the browser does not keep them."))
            return self.form_invalid(form)
        if report.email:
            done = _("%(number)s is registered; the reporter gets the number and the status link by e-mail.")
        else:
            done = _("%(number)s is registered.")
        messages.success(self.request, done % {"number": report.number})
        return redirect("citizen_reports:case", pk=report.pk)

    def form_invalid(self, form):
        messages.error(self.request, _("Nothing was saved: see the form below."))
        return self.render_to_response(self.get_context_data(form=form), status=400)
