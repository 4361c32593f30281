"""The channel form: name, owner unit and the platform's own fields, verified with the platform on save.

The admin's connect and edit screens and ``manage.py channels add`` share it, so
a channel is saved the same way whichever door it came through. Credentials are
write-only: they are never put back into a form; an empty credential field on
the edit form keeps the stored value.
"""

import copy

from django import forms
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.organisation.models import Unit
from cms.organisation.scoping import PRESS_OFFICE_GROUPS
from cms.outbox import health
from cms.outbox.connectors import ConnectorError
from cms.outbox.models import Channel

CREDENTIAL_PREFIX = "credential_"
SETTING_PREFIX = "setting_"


def press_office_unit():
    """The one active unit the press office's people belong to, or None when there is not exactly one."""
    units = list(
        Unit.objects.active()
        .filter(
            memberships__user__is_active=True,
            memberships__user__groups__name__in=PRESS_OFFICE_GROUPS,
        )
        .distinct()[:2]
    )
    return units[0] if len(units) == 1 else None


class ChannelForm(forms.ModelForm):
    """Subclassed per platform by :meth:`for_platform`; ``connector_class`` gives the platform's fields.

    Without a connector (its plugin was switched off) only the name, owner unit
    and active flag of a channel can be edited.
    """

    connector_class = None

    class Meta:
        model = Channel
        fields = ["name", "owner_unit", "active"]

    @classmethod
    def for_platform(cls, connector_class):
        name = f"{connector_class.__name__}ChannelForm" if connector_class else "ChannelWithoutConnectorForm"
        return type(name, (cls,), {"connector_class": connector_class})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = self.instance.pk is not None
        self.fields["owner_unit"].queryset = Unit.objects.filter(
            Q(active=True) | Q(pk=self.instance.owner_unit_id)
        )
        if not self.editing:
            del self.fields["active"]
            self.fields["owner_unit"].initial = press_office_unit()
        for name, field in self.credential_fields.items():
            self.fields[CREDENTIAL_PREFIX + name] = self._credential_field(field)
        for name, field in self.setting_fields.items():
            field = copy.deepcopy(field)
            if self.editing:
                field.initial = self.instance.settings.get(name, field.initial)
            self.fields[SETTING_PREFIX + name] = field
        #: What the platform said of the credentials, when they were verified.
        self.credential_check = None

    @property
    def credential_fields(self):
        return self.connector_class.credential_fields if self.connector_class else {}

    @property
    def setting_fields(self):
        return self.connector_class.setting_fields if self.connector_class else {}

    def _credential_field(self, field):
        field = copy.deepcopy(field)
        if isinstance(field.widget, forms.TextInput):
            # Never rendered back: not after a failed save, not on the edit form.
            field.widget = forms.PasswordInput(attrs={**field.widget.attrs, "autocomplete": "new-password"})
        if self.editing:
            field.required = False
            field.help_text = _(
                "Stored encrypted and not shown. Leave empty to keep it; type a new one to replace it."
            )
        return field

    def entered_credentials(self):
        return {
            name: self.cleaned_data[CREDENTIAL_PREFIX + name]
            for name in self.credential_fields
            if self.cleaned_data.get(CREDENTIAL_PREFIX + name) not in (None, "")
        }

    def entered_settings(self):
        return {name: self.cleaned_data.get(SETTING_PREFIX + name) for name in self.setting_fields}

    def clean(self):
        cleaned = super().clean()
        if self.errors:  # the platform is asked only about complete, valid fields
            return cleaned
        if self.connector_class is None:
            self.credentials, self.settings = self.instance.credentials, self.instance.settings
            return cleaned
        entered = self.entered_credentials()
        self.credentials = {**(self.instance.credentials if self.editing else {}), **entered}
        self.settings = self.entered_settings()
        if self.editing and not entered and self.settings == self.instance.settings:
            return cleaned  # nothing the platform would see has changed
        try:
            self.credential_check = self.connector_class(self.credentials, self.settings).check_credentials()
        except ConnectorError as exc:
            raise forms.ValidationError(
                _("%(platform)s did not accept the connection: %(error)s")
                % {"platform": self.connector_class.verbose_name, "error": exc},
                code="platform",
            ) from exc
        return cleaned

    def save(self, commit=True):
        channel = super().save(commit=False)
        channel.credentials, channel.settings = self.credentials, self.settings
        if self.connector_class:
            channel.platform = self.connector_class.platform
        account_field = self.connector_class and self.connector_class.account_field
        if account_field:
            channel.account_id = str({**self.credentials, **self.settings}.get(account_field) or "")
        elif self.credential_check:
            channel.account_id = self.credential_check.account_name
        if commit:
            with transaction.atomic():
                channel.save()
                if self.credential_check:
                    health.record(channel, self.credential_check)
        return channel
