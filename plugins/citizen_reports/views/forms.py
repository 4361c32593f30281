"""The admin's forms for citizen reports: they clean what people type; handling.py, replies.py and
intake.py decide (a text left empty is refused there, with the reason, not here)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from cms.core.forms import MultipleFileField
from cms.organisation.models import Unit
from cms.organisation.scoping import scoped
from plugins.citizen_reports import photos
from plugins.citizen_reports.models import Category, QuestionType, Report, Source


def text_area(rows=4):
    return forms.Textarea(attrs={"rows": rows})


class CaseForm(forms.Form):
    """A step on one report, by one person; steps without input (take, start, verify...) use it as is."""

    def __init__(self, data=None, files=None, *, report, user, **kwargs):
        super().__init__(data, files, **kwargs)
        self.report, self.user = report, user


class RouteForm(CaseForm):
    unit = forms.ModelChoiceField(label=_("Responsible unit"), queryset=Unit.objects.filter(active=True))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=text_area(2),
        help_text=_("Required when the report moves from one unit to another; both units read it."),
    )


class ReasonForm(CaseForm):
    reason = forms.CharField(label=_("Reason"), required=False, widget=text_area(3))


class NoteForm(CaseForm):
    text = forms.CharField(
        label=_("Internal note"),
        required=False,
        widget=text_area(3),
        help_text=_("Only staff who see the report read it; the citizen never does."),
    )


class PublicUpdateForm(CaseForm):
    text = forms.CharField(
        label=_("Public update"),
        required=False,
        widget=text_area(3),
        help_text=_("Shown on the status page and e-mailed to everyone who reported the problem."),
    )


class PublicTextForm(CaseForm):
    """Resolve or reject: the text the citizen reads on the status page and in the e-mail."""

    text = forms.CharField(
        label=_("For the citizen"),
        required=False,
        widget=text_area(3),
        help_text=_("Shown on the status page and e-mailed to everyone who reported the problem."),
    )


class DraftForm(CaseForm):
    body = forms.CharField(
        label=_("Reply to the citizen"),
        required=False,
        widget=text_area(8),
        help_text=_("A subject expert approves it before it is e-mailed and shown on the status page."),
    )


class CommentForm(CaseForm):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=text_area(2),
        help_text=_("Required when sending back: say what has to change."),
    )


class MergeForm(CaseForm):
    """The report this one duplicates: one of the suggestions, or any report the person sees, by number."""

    into = forms.TypedChoiceField(
        label=_("Suggested reports"), coerce=int, required=False, widget=forms.RadioSelect, empty_value=None
    )
    number = forms.CharField(
        label=_("Or the case number"), required=False, help_text=_("E.g. ZI/2026/000123.")
    )

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = {other.pk: other for other, _metres in suggestions}
        self.fields["into"].choices = [
            (other.pk, suggestion_label(other, metres)) for other, metres in suggestions
        ]
        if not suggestions:
            del self.fields["into"]

    def clean(self):
        data = super().clean()
        number = (data.get("number") or "").strip()
        if number:
            target = scoped(Report.objects.all(), self.user).filter(number__iexact=number).first()
            if target is None:
                self.add_error("number", _("No report you can see has this number."))
        elif data.get("into"):
            target = self.suggestions.get(data["into"])
        else:
            raise forms.ValidationError(_("Choose one of the suggested reports or type a case number."))
        data["target"] = target
        return data


def suggestion_label(report, metres):
    place = report.address or _("no address")
    where = _("%(m)s m away") % {"m": metres} if metres is not None else _("same address")
    return f"{report.number} – {place} ({where}), {report.get_state_display()}"


#: Report fields that become form fields of the same name on the "new report" form.
REPORTER = ("first_name", "last_name", "email", "phone")


class NewReportForm(forms.Form):
    """A report taken by phone or in person; the chosen category's questions are asked once it is known."""

    source = forms.ChoiceField(
        label=_("Taken"),
        choices=[(Source.PHONE, Source.PHONE.label), (Source.IN_PERSON, Source.IN_PERSON.label)],
        initial=Source.PHONE,
        widget=forms.RadioSelect,
    )
    received_at = forms.DateTimeField(label=_("Received at"), widget=AdminDateTimeInput)
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.filter(active=True),
        required=False,
        help_text=_("Its extra questions appear below once the category is chosen and the form is sent."),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=text_area(6))
    address = forms.CharField(label=_("Address or place"), max_length=255, required=False)
    latitude = forms.CharField(label=_("Latitude"), required=False, help_text=_("E.g. 52.110512"))
    longitude = forms.CharField(label=_("Longitude"), required=False, help_text=_("E.g. 21.010873"))
    first_name = forms.CharField(label=_("Reporter's first name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Reporter's last name"), max_length=100, required=False)
    email = forms.CharField(
        label=_("Reporter's e-mail"),
        required=False,
        help_text=_("The case number, the status link and every public update go here."),
    )
    phone = forms.CharField(label=_("Reporter's phone"), max_length=40, required=False)
    consent = forms.BooleanField(label=_("The reporter heard the information clause (RODO)"), required=False)
    photos = MultipleFileField(label=_("Photos"), required=False, max_size=photos.max_bytes)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_at"].initial = timezone.now
        self.category = self._chosen_category()
        questions = {
            f"attribute[{question.code}]": question_field(question)
            for question in (self.category.questions.all() if self.category else ())
        }
        self.fields.update(questions)
        self.order_fields(["source", "received_at", "category", *questions])

    def _chosen_category(self):
        """The category in the data sent (or the initial one), whose questions the form asks."""
        try:
            return self.fields["category"].clean(self["category"].value())
        except forms.ValidationError:
            return None

    def answers(self):
        return {
            name[len("attribute[") : -1]: value
            for name, value in self.cleaned_data.items()
            if name.startswith("attribute[")
        }


def question_field(question):
    """A form field for a category question; intake.py checks the answer."""
    options = {"label": question.question, "help_text": question.description, "required": False}
    choices = [(choice["key"], choice["name"]) for choice in question.values or ()]
    if question.datatype == QuestionType.MULTI:
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **options)
    if question.datatype == QuestionType.SINGLE:
        return forms.ChoiceField(choices=[("", "—"), *choices], **options)
    if question.datatype == QuestionType.TEXT:
        return forms.CharField(widget=text_area(3), **options)
    return forms.CharField(**options)
