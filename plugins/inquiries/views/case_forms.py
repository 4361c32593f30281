"""Registering an inquiry taken by phone or in person, and changing what a case is about."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.refusals import Refused
from cms.organisation.scoping import get_scoped_or_404
from plugins.inquiries import cases, forms, roles
from plugins.inquiries.models import Inquiry, InquiryKind

DETAILS = list(forms.DetailsForm.base_fields)


class CaseFormView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not roles.is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            submit_button_active_label=_("Saving…"),
            media=context["form"].media,
        )
        return context

    def form_valid(self, form):
        try:
            inquiry = self.save(form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
            messages.error(self.request, _("Nothing was saved: see the form below."))
            return self.render_to_response(self.get_context_data(form=form), status=refusal.status)
        messages.success(self.request, self.success_message % {"case": inquiry})
        return redirect("inquiries:case", pk=inquiry.pk)

    def form_invalid(self, form):
        messages.error(self.request, _("Nothing was saved: see the form below."))
        return super().form_invalid(form)


class NewInquiryView(CaseFormView):
    form_class = forms.NewInquiryForm
    page_title = gettext_lazy("New inquiry")
    submit_button_label = gettext_lazy("Register the inquiry")
    success_message = gettext_lazy("%(case)s is registered.")

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("inquiries:index"), "label": _("Inquiries")},
            {"url": "", "label": self.page_title},
        ]

    def get_initial(self):
        kind = InquiryKind.objects.filter(active=True).first()
        return {"received_at": timezone.now(), "coordinator": self.request.user.pk, "kind": kind}

    def save(self, data):
        values = {name: data[name] for name in DETAILS}
        return cases.open_inquiry(
            user=self.request.user,
            journalist=data["journalist"],
            journalist_name=data["journalist_name"],
            journalist_email=data["journalist_email"],
            outlet=data["outlet"],
            outlet_name=data["outlet_name"],
            coordinator=data["coordinator"],
            files=forms.uploads(data["attachments"]),
            **values,
        )


class EditDetailsView(CaseFormView):
    form_class = forms.DetailsForm
    page_title = gettext_lazy("Details of the case")
    submit_button_label = gettext_lazy("Save")
    success_message = gettext_lazy("%(case)s is changed; its deadlines follow the new details.")

    @cached_property
    def inquiry(self):
        return get_scoped_or_404(Inquiry.objects.all(), self.request.user, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.inquiry)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("inquiries:index"), "label": _("Inquiries")},
            {"url": reverse("inquiries:case", args=[self.inquiry.pk]), "label": self.inquiry.number},
            {"url": "", "label": self.page_title},
        ]

    def get_initial(self):
        initial = {name: getattr(self.inquiry, name) for name in DETAILS if name != "topics"}
        return {**initial, "topics": list(self.inquiry.topics.all())}

    def save(self, data):
        changed = {name: data[name] for name in DETAILS if name != "topics"}
        return cases.update_details(self.inquiry, self.request.user, topics=data["topics"], **changed)
