"""The internal requests' admin forms: they clean what people type; internal_requests.py decides."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.widgets import AdminDateTimeInput, AdminPageChooser
from wagtail.models import Page, Revision

from cms.core.refusals import Invalid
from cms.organisation.models import Unit
from cms.organisation.scoping import is_press_office, unit_ids
from plugins.inquiries import attachments, internal_requests
from plugins.inquiries.forms import PersonChoiceField, text_area
from plugins.inquiries.models import RequestKind
from plugins.inquiries.states import REQUEST

#: How many of a page's latest revisions the correction form offers.
SHOWN_REVISIONS = 20


def future(value):
    if value is not None and value <= timezone.now():
        raise forms.ValidationError(_("The due date must be in the future."))
    return value


def checked_file(upload):
    """(name, bytes) of an upload that passed the desk's attachment checks, or None."""
    if not upload:
        return None
    try:
        data = attachments.read(upload)
        attachments.check(upload.name, data)
    except Invalid as refusal:
        raise forms.ValidationError(refusal.message) from None
    return upload.name, data


class NewRequestForm(forms.Form):
    """A new request: the press office passes information to units; a unit asks for a correction or a
    publication on its own behalf."""

    kind = forms.ChoiceField(label=_("Kind"), choices=RequestKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=255)
    body = forms.CharField(label=_("Details"), widget=text_area(8))
    source_url = forms.URLField(
        label=_("Where it circulates"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("For a correction: the article or post with the information to correct."),
    )
    from_unit = forms.ModelChoiceField(
        label=_("Requesting unit"), queryset=Unit.objects.none(), required=False
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units the information is for"),
        queryset=Unit.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    assignee = PersonChoiceField(
        label=_("Assignee"),
        queryset=None,
        required=False,
        help_text=_("Who handles the request; without one, the coordinators are told."),
    )
    due_at = forms.DateTimeField(
        label=_("Due"), required=False, widget=AdminDateTimeInput, validators=[future]
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.press_office = is_press_office(user)
        if self.press_office:
            self.fields["assignee"].queryset = internal_requests.assignable(Unit.objects.all())
            self.fields["from_unit"].queryset = Unit.objects.filter(active=True)
            self.fields["from_unit"].help_text = _("When the press office writes on behalf of a unit.")
            return
        own = Unit.objects.filter(active=True, pk__in=unit_ids(user))
        self.fields["kind"].choices = [
            (value, label) for value, label in RequestKind.choices if value != RequestKind.INFORMATION
        ]
        self.fields["from_unit"].queryset = own
        self.fields["from_unit"].required = True
        if len(own) == 1:
            self.fields["from_unit"].initial = own[0].pk
        for name in ("units", "assignee"):
            del self.fields[name]

    def clean_from_unit(self):
        unit = self.cleaned_data["from_unit"]
        if unit is None and not self.press_office:
            raise forms.ValidationError(_("You belong to no unit, so you cannot make requests for one."))
        return unit

    def clean_attachment(self):
        return checked_file(self.cleaned_data.get("attachment"))

    def clean(self):
        cleaned = super().clean()
        kind, units = cleaned.get("kind"), list(cleaned.get("units") or [])
        if kind == RequestKind.INFORMATION and not units:
            self.add_error("units", _("Choose the units the information is for."))
        if kind and kind != RequestKind.INFORMATION and units:
            self.add_error(
                "units",
                _(
                    "Only information is addressed to units; "
                    "corrections and publications go to the press office."
                ),
            )
        assignee = cleaned.get("assignee")
        involved = [*units, *filter(None, [cleaned.get("from_unit")])]
        if assignee and not internal_requests.assignable(involved).filter(pk=assignee.pk).exists():
            self.add_error(
                "assignee", _("Choose someone from the press office or from a unit of the request.")
            )
        return cleaned


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=text_area(4))
    attachment = forms.FileField(label=_("Attachment"), required=False)

    def clean_attachment(self):
        return checked_file(self.cleaned_data.get("attachment"))


class AcknowledgeForm(forms.Form):
    """Nothing to type: the button says it."""


class TransitionForm(forms.Form):
    name = forms.ChoiceField(choices=[(name, name) for name in REQUEST.transitions], widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Comment"), required=False, widget=text_area(2))


class AssignForm(forms.Form):
    assignee = PersonChoiceField(label=_("Assignee"), queryset=None, required=False)
    due_at = forms.DateTimeField(label=_("Due"), required=False, widget=AdminDateTimeInput)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = internal_requests.assignable(internal_requests.units_of(item))


class DraftForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Make it a"),
        choices=[(key, label) for key, (model, label) in internal_requests.DRAFT_TYPES.items()],
        widget=forms.RadioSelect,
    )
    room = forms.ModelChoiceField(label=_("Press room"), queryset=Page.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        rooms = internal_requests.press_rooms(user)
        field = self.fields["room"]
        field.queryset = Page.objects.filter(pk__in=[room.pk for room in rooms]).order_by("path")
        if len(rooms) == 1:
            field.initial, field.widget = rooms[0].pk, forms.HiddenInput()

    def clean_room(self):
        return self.cleaned_data["room"].specific


class RevisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, revision):
        when = date_format(localtime(revision.created_at), "DATETIME_FORMAT")
        author = get_user_display_name(revision.user) if revision.user else "—"
        return _("Revision %(id)s of %(when)s by %(author)s") % {
            "id": revision.pk,
            "when": when,
            "author": author,
        }


class CorrectionForm(forms.Form):
    """The page that publishes the correction and, once the page is known, which of its revisions."""

    page = forms.ModelChoiceField(
        label=_("Page with the correction"), queryset=Page.objects.all(), widget=AdminPageChooser()
    )
    revision = RevisionChoiceField(
        label=_("Revision"),
        queryset=Revision.objects.none(),
        required=False,
        empty_label=_("The latest revision of the page"),
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        if item.page_id:
            self.fields["page"].initial = item.page_id
            revisions = Revision.page_revisions.filter(object_id=str(item.page_id)).order_by(
                "-created_at", "-pk"
            )
            latest = list(revisions.values_list("pk", flat=True)[:SHOWN_REVISIONS])
            self.fields["revision"].queryset = revisions.filter(pk__in=latest).select_related("user")
        else:
            del self.fields["revision"]

    def clean(self):
        cleaned = super().clean()
        page, revision = cleaned.get("page"), cleaned.get("revision")
        if page is None:
            return cleaned
        if revision is not None and revision.object_id != str(page.pk):
            self.add_error("revision", _("This revision is of another page; choose one of the chosen page."))
        elif revision is None:
            cleaned["revision"] = page.latest_revision
            if page.latest_revision is None:
                self.add_error("page", _("The page has no saved revision yet."))
        return cleaned
