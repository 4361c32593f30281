"""The timeline pages of a journalist and an outlet, the form that adds an entry, attachment downloads.

Plain admin views rather than a viewset: one page shows a contact's entries
grouped by day together with the form that adds one, which neither
wagtail-modeladmin nor a ModelViewSet listing does.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateTimeInput, HeaderButton
from wagtail.log_actions import log

from cms.core.forms import MultipleFileField
from plugins.crm.models import EntryKind, Journalist, Outlet, TimelineAttachment
from plugins.crm.timeline import record
from plugins.crm.timeline_query import ICONS, TimelineFilterForm, by_day, entries_of, linked_objects

VIEW, ADD = "crm.view_timelineentry", "crm.add_timelineentry"
#: What a person records by hand; mailings and inquiries are recorded by the features that send them.
MANUAL_KINDS = [
    EntryKind.NOTE,
    EntryKind.CALL,
    EntryKind.MEETING,
    EntryKind.EMAIL_SENT,
    EntryKind.EMAIL_RECEIVED,
    EntryKind.MATERIAL_SENT,
]
MAX_ATTACHMENT_SIZE = 25 * 1024 * 1024


class EntryForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=[(kind.value, kind.label) for kind in MANUAL_KINDS]
    )
    occurred_at = forms.DateTimeField(label=gettext_lazy("When"), widget=AdminDateTimeInput)
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=255)
    body = forms.CharField(
        label=gettext_lazy("Details"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    attachments = MultipleFileField(
        label=gettext_lazy("Attachments"),
        max_size=MAX_ATTACHMENT_SIZE,
        required=False,
        help_text=gettext_lazy("Documents and materials, archived with the entry and never public."),
    )


class TimelineView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "crm/timeline/index.html"
    header_icon = "history"
    paginate_by = 25
    contact_model = None
    contact_field = None

    def dispatch(self, request, pk):
        if not request.user.has_perm(VIEW):
            raise PermissionDenied
        self.contact = get_object_or_404(self.contact_model, pk=pk)
        self.can_add = request.user.has_perm(ADD)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Timeline")

    def get_page_subtitle(self):
        return str(self.contact)

    def get_breadcrumbs_items(self):
        contact_url = AdminURLFinder(self.request.user).get_edit_url(self.contact)
        return [
            *self.breadcrumbs_items,
            {"url": contact_url or "", "label": str(self.contact)},
            {"url": "", "label": _("Timeline")},
        ]

    def get_header_buttons(self):
        if not self.request.user.has_perm("crm.add_task"):
            return []
        url = reverse("crm_task:add") + f"?{self.contact_field}={self.contact.pk}"
        return [HeaderButton(_("Add task"), url, icon_name="tasks")]

    def get(self, request, pk):
        return self.render_to_response(self.get_context_data(form=EntryForm(initial=self.initial())))

    def post(self, request, pk):
        if not self.can_add:
            raise PermissionDenied
        form = EntryForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.validation_error(
                request, _("The entry could not be added. Please correct the errors."), form
            )
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        with transaction.atomic():
            entry = record(
                kind=data["kind"],
                subject=data["subject"],
                body=data["body"],
                occurred_at=data["occurred_at"],
                author=request.user,
                attachments=[(upload.name, upload) for upload in data["attachments"]],
                **{self.contact_field: self.contact},
            )
            log(instance=entry, action="wagtail.create", user=request.user)
        messages.success(request, _("“%(subject)s” is on the timeline.") % {"subject": entry.subject})
        return redirect(request.get_full_path())

    def initial(self):
        return {"kind": EntryKind.NOTE, "occurred_at": timezone.localtime().replace(second=0, microsecond=0)}

    def get_context_data(self, **kwargs):
        filters = TimelineFilterForm(self.request.GET or None)
        entries = entries_of(**{self.contact_field: self.contact})
        has_entries = entries.exists()
        page = Paginator(filters.filter(entries) if filters.is_bound else entries, self.paginate_by).get_page(
            self.request.GET.get("p")
        )
        shown = list(page.object_list)
        links = linked_objects(shown, self.request.user)
        for entry in shown:
            entry.icon = ICONS.get(entry.kind, "comment")
            entry.link = links.get(entry.pk)
        return super().get_context_data(
            contact=self.contact,
            contact_field=self.contact_field,
            filters=filters,
            filtered=filters.active,
            has_entries=has_entries,
            page=page,
            elided_page_range=page.paginator.get_elided_page_range(page.number),
            days=by_day(shown),
            can_add=self.can_add,
            **kwargs,
        )


class JournalistTimelineView(TimelineView):
    contact_model = Journalist
    contact_field = "journalist"


class OutletTimelineView(TimelineView):
    contact_model = Outlet
    contact_field = "outlet"


def download_attachment(request, pk):
    """Serve an attachment from the private storage to people who may read the CRM."""
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    attachment = get_object_or_404(TimelineAttachment, pk=pk)
    try:
        content = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("The file is no longer in the archive.")) from missing
    return FileResponse(content, as_attachment=True, filename=attachment.name)


@hooks.register("register_admin_urls")
def register_timeline_urls():
    return [
        path(
            "crm/timeline/journalist/<int:pk>/",
            JournalistTimelineView.as_view(),
            name="crm_timeline_journalist",
        ),
        path("crm/timeline/outlet/<int:pk>/", OutletTimelineView.as_view(), name="crm_timeline_outlet"),
        path("crm/attachments/<int:pk>/", download_attachment, name="crm_attachment"),
    ]
