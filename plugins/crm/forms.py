"""Admin forms of outlets and journalists: custom fields as form fields, e-mail and phone checks."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel, Panel

from plugins.crm import custom_values
from plugins.crm.models import CustomFieldTarget, JournalistEmail
from plugins.crm.validators import normalise_phone


class ContactForm(WagtailAdminModelForm):
    """A journalist's or an outlet's form with the record type's custom fields (``extra__<key>``)."""

    target = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.custom_fields = custom_values.definitions(self.target)
        stored = self.instance.extra or {}
        for definition in self.custom_fields:
            initial = stored.get(definition.key)
            if definition.kind == "date" and initial:
                initial = custom_values.export_value(definition, initial)
            self.fields[custom_values.FORM_PREFIX + definition.key] = custom_values.form_field(
                definition, initial
            )

    def clean(self):
        cleaned = super().clean()
        values = {
            definition.key: cleaned.get(custom_values.FORM_PREFIX + definition.key)
            for definition in self.custom_fields
            if custom_values.FORM_PREFIX + definition.key not in self.errors
        }
        try:
            self.custom_values = custom_values.clean_values(self.target, values, partial=True)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(custom_values.FORM_PREFIX + key, message)
        return cleaned

    def save(self, commit=True):
        self.instance.extra = custom_values.merge_values(self.instance.extra or {}, self.custom_values)
        return super().save(commit=commit)


class OutletForm(ContactForm):
    target = CustomFieldTarget.OUTLET


class JournalistForm(ContactForm):
    target = CustomFieldTarget.JOURNALIST

    def save(self, commit=True):
        if commit and self.instance.pk:
            # The e-mails are saved one by one: clear the stored primary first, so moving
            # the mark from one address to another cannot trip the one-primary constraint.
            JournalistEmail.objects.filter(journalist=self.instance, primary=True).update(primary=False)
        return super().save(commit=commit)


class PhoneForm(WagtailAdminModelForm):
    """A phone row: the number is checked and stored in international form (+48 12 345 67 89)."""

    def clean_number(self):
        return normalise_phone(self.cleaned_data["number"])


class JournalistEmailForm(WagtailAdminModelForm):
    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def _get_validation_exclusions(self):
        # Uniqueness across journalists is checked by the formset, with a message naming who has the address.
        return {*super()._get_validation_exclusions(), "email"}


class JournalistEmailFormSet(BaseChildFormSet):
    """A journalist's e-mails: each address belongs to one journalist, and exactly one is primary."""

    def clean(self):
        super().clean()
        rows = [
            form
            for form in self.forms
            if form.is_valid() and form not in self.deleted_forms and form.cleaned_data.get("email")
        ]
        seen = set()
        for form in rows:
            email = form.cleaned_data["email"].lower()
            if email in seen:
                form.add_error("email", _("This address is already on the list above."))
                continue
            seen.add(email)
            owner = (
                JournalistEmail.objects.filter(email__iexact=email)
                .exclude(journalist_id=self.instance.pk)
                .select_related("journalist")
                .first()
            )
            if owner:
                form.add_error("email", owner_message(owner.journalist))
        primaries = [form for form in rows if form.cleaned_data.get("primary")]
        if rows and not primaries:
            rows[0].add_error("primary", _("Mark one of the e-mails as primary."))
        for form in primaries[1:] if len(primaries) > 1 else ():
            form.add_error("primary", _("Only one e-mail can be primary; untick the others."))


def owner_message(journalist):
    return format_html(
        _("This address already belongs to {name}: <a href='{url}'>open the record</a>."),
        name=journalist.full_name,
        url=reverse("crm_journalist:edit", args=[journalist.pk]),
    )


class ChildPanel(InlinePanel):
    """An InlinePanel whose rows use the given form (and formset) class."""

    def __init__(self, relation_name, form=None, formset=None, **kwargs):
        super().__init__(relation_name, **kwargs)
        self.form, self.formset = form, formset

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "form": self.form, "formset": self.formset}

    def get_form_options(self):
        options = super().get_form_options()
        formset_options = options["formsets"][self.relation_name]
        if self.form:
            formset_options["form"] = self.form
        if self.formset:
            formset_options["formset"] = self.formset
        return options


class CustomFieldsPanel(Panel):
    """The custom fields of the record type; hidden while administrators have defined none."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "crm/contacts/custom_fields_panel.html"

        @property
        def bound_fields(self):
            return [
                self.form[name] for name in self.form.fields if name.startswith(custom_values.FORM_PREFIX)
            ]

        def is_shown(self):
            return bool(self.bound_fields)

        def get_context_data(self, parent_context=None):
            return {**super().get_context_data(parent_context), "fields": self.bound_fields}


class DuplicatesPanel(Panel):
    """Journalists who may be the same person as this one, with a link to merge them."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "crm/contacts/duplicates_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            from plugins.crm.duplicates import duplicates_of

            self.candidates = duplicates_of(self.instance) if self.instance.pk else []

        def is_shown(self):
            return bool(self.candidates)

        def get_context_data(self, parent_context=None):
            can_merge = self.request.user.has_perm("crm.merge_journalist")
            return {
                **super().get_context_data(parent_context),
                "candidates": self.candidates,
                "merge_url": reverse("crm_journalist_merge", args=[self.instance.pk]) if can_merge else "",
            }


class MergeForm(forms.Form):
    other = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {candidate.journalist.pk: candidate for candidate in candidates}
        self.fields["other"].label = _("Duplicate to merge into this record")
        self.fields["other"].choices = [
            (pk, str(candidate.journalist)) for pk, candidate in self.candidates.items()
        ]

    @property
    def chosen(self):
        return self.candidates[self.cleaned_data["other"]].journalist
