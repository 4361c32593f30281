"""The desk's admin forms: they clean what people type; the services in cases.py and answer.py decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from cms.core.forms import MultipleFileField
from cms.core.models import Topic
from cms.narratives.models import Narrative
from cms.organisation.models import Membership, Unit
from plugins.crm.models import Journalist, Outlet
from plugins.crm.views.choosers import journalist_chooser, outlet_chooser
from plugins.inquiries import attachments, roles
from plugins.inquiries.models import Channel, InquiryKind, Priority, Visibility


class PersonChoiceField(forms.ModelChoiceField):
    """People by their names, as the rest of the admin shows them."""

    def label_from_instance(self, user):
        return get_user_display_name(user)


def text_area(rows=4):
    return forms.Textarea(attrs={"rows": rows})


def files_field():
    return MultipleFileField(label=_("Attachments"), required=False, max_size=attachments.max_bytes)


def uploads(files):
    """(name, bytes) pairs from cleaned uploads, as the services take them."""
    return [(upload.name, attachments.read(upload)) for upload in files or ()]


class DetailsForm(forms.Form):
    """What the case is about; on a new case also who asks and the first attachments."""

    kind = forms.ModelChoiceField(label=_("Kind"), queryset=InquiryKind.objects.filter(active=True))
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL)
    subject = forms.CharField(label=_("Subject"), max_length=255)
    question = forms.CharField(label=_("Question"), widget=text_area(8))
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    channel = forms.ChoiceField(label=_("Arrived by"), choices=Channel.choices, initial=Channel.PHONE)
    received_at = forms.DateTimeField(label=_("Received at"), widget=AdminDateTimeInput)
    media_deadline = forms.DateTimeField(
        label=_("Journalist's deadline"), required=False, widget=AdminDateTimeInput
    )
    reply_to = forms.EmailField(
        label=_("Answer to"), required=False, help_text=_("Where the answer is e-mailed.")
    )


class NewInquiryForm(DetailsForm):
    journalist = forms.ModelChoiceField(
        label=_("Journalist"),
        queryset=Journalist.objects.all(),
        required=False,
        widget=journalist_chooser.widget_class,
        help_text=_("Choose from the CRM, or type the name and e-mail of someone new below."),
    )
    journalist_name = forms.CharField(label=_("New journalist's name"), max_length=200, required=False)
    journalist_email = forms.EmailField(label=_("New journalist's e-mail"), required=False)
    outlet = forms.ModelChoiceField(
        label=_("Outlet"), queryset=Outlet.objects.all(), required=False, widget=outlet_chooser.widget_class
    )
    outlet_name = forms.CharField(
        label=_("New outlet"),
        max_length=200,
        required=False,
        help_text=_("When the outlet is not in the CRM."),
    )
    coordinator = PersonChoiceField(label=_("Coordinator"), queryset=None, required=False)
    attachments = files_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = roles.people_with("coordinate_inquiry")

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("journalist")
            and not cleaned.get("journalist_email")
            and not cleaned.get("reply_to")
        ):
            raise forms.ValidationError(
                _("Choose the journalist, give a new journalist's e-mail, or say where the answer goes.")
            )
        return cleaned


class CoordinatorForm(forms.Form):
    coordinator = PersonChoiceField(label=_("Coordinator"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = roles.people_with("coordinate_inquiry")


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.filter(active=True))
    experts = forms.MultipleChoiceField(
        label=_("Experts"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Named people of the unit; without them, its representatives and head are told."),
    )
    due_at = forms.DateTimeField(label=_("Internal deadline"), widget=AdminDateTimeInput)
    instructions = forms.CharField(label=_("Instructions"), required=False, widget=text_area(3))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].choices = people_by_unit()

    def clean_experts(self):
        return list(get_user_model().objects.filter(pk__in=self.cleaned_data["experts"], is_active=True))


def people_by_unit():
    """Active members of active units as choices grouped by unit: "Jan Nowak (unit head)"."""
    members = (
        Membership.objects.filter(unit__active=True, user__is_active=True)
        .select_related("unit", "user")
        .order_by("unit__name", "user__last_name", "user__first_name")
    )
    groups = {}
    for member in members:
        label = f"{get_user_display_name(member.user)} ({member.get_role_display()})"
        groups.setdefault(str(member.unit), []).append((str(member.user_id), label))
    return list(groups.items())


class UnitForm(forms.Form):
    """Picks one of the case's assignments (unassign, contribute)."""

    assignment = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, inquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.inquiry = inquiry

    def clean_assignment(self):
        assignment = self.inquiry.assignments.select_related("unit").filter(
            pk=self.cleaned_data["assignment"]
        )
        if not assignment:
            raise forms.ValidationError(_("The unit is not assigned to this case."))
        return assignment[0]


class ContributeForm(UnitForm):
    text = forms.CharField(label=_("The unit's answer"), widget=text_area(6))


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=text_area(5))
    visibility = forms.ChoiceField(
        label=_("Who sees it"),
        choices=[
            (Visibility.INTERNAL, _("Internal note (press office and assigned units)")),
            (Visibility.EXTERNAL, _("E-mail to the journalist")),
        ],
        initial=Visibility.INTERNAL,
        widget=forms.RadioSelect,
    )
    attachments = files_field()


class IncomingForm(forms.Form):
    """The journalist's message taken by phone or from another mailbox, noted by hand."""

    body = forms.CharField(label=_("What the journalist said or wrote"), widget=text_area(5))
    attachments = files_field()


class DraftForm(forms.Form):
    body = forms.CharField(label=_("Answer"), widget=text_area(12))
    narratives = forms.ModelMultipleChoiceField(
        label=_("Narratives quoted"),
        queryset=Narrative.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The official positions the answer relies on; each one records this use once it is sent."
        ),
    )
    confirm_unverified = forms.BooleanField(
        label=_("I quote a narrative that is expired or due for verification on purpose"), required=False
    )

    def __init__(self, *args, suggested=(), quoted=(), **kwargs):
        super().__init__(*args, **kwargs)
        ids = {item["id"] for item in suggested} | {narrative.pk for narrative in quoted}
        self.fields["narratives"].queryset = Narrative.objects.filter(pk__in=ids).order_by("title")


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=text_area(2),
        help_text=_("Required when sending back: say what has to change."),
    )


class TransitionForm(forms.Form):
    name = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Comment"), required=False, widget=text_area(2))


class ExtensionForm(forms.Form):
    new_due = forms.DateTimeField(
        label=_("New date of the answer"),
        widget=AdminDateTimeInput,
        help_text=_("At most two months from the day the inquiry arrived."),
    )
    reason = forms.CharField(
        label=_("Reasons for the delay"),
        widget=text_area(4),
        help_text=_("They go to the journalist in the notice, word for word."),
    )


class RefusalForm(forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=100)
    decided_on = forms.DateField(label=_("Decision date"), widget=AdminDateInput)
    document = forms.FileField(label=_("Signed decision"))
