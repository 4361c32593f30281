"""The calendar's query: which period and which content, read from the address."""

from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.content_calendar.entries import Filters
from cms.content_calendar.periods import MONTH, WEEK
from cms.editorial.models import PressReleasePage, SocialPostPage
from cms.organisation.models import Unit
from cms.outbox.models import Channel


class AuthorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class CalendarQueryForm(forms.Form):
    view = forms.ChoiceField(
        label=_("View"), choices=[(MONTH, _("Month")), (WEEK, _("Week"))], required=False
    )
    date = forms.DateField(
        label=_("Date"),
        required=False,
        input_formats=["%Y-%m-%d"],
        validators=[MinValueValidator(date(2000, 1, 1)), MaxValueValidator(date(2999, 12, 31))],
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    channel = forms.ModelChoiceField(
        label=_("Channel"), queryset=Channel.objects.all(), required=False, empty_label=_("All channels")
    )
    unit = forms.ModelChoiceField(
        label=_("Unit (with its sub-units)"),
        queryset=Unit.objects.all(),
        required=False,
        empty_label=_("All units"),
    )
    author = AuthorChoiceField(
        label=_("Author"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("All authors"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owners = Q(pk__in=PressReleasePage.objects.values("owner")) | Q(
            pk__in=SocialPostPage.objects.values("owner")
        )
        self.fields["author"].queryset = (
            get_user_model().objects.filter(owners).order_by("first_name", "last_name", "username")
        )

    def value(self, name):
        """The cleaned value of a field, or None when it is empty or not valid."""
        return self.cleaned_data.get(name) or None

    def filters(self):
        unit = self.value("unit")
        return Filters(
            channel=self.value("channel"),
            units=Unit.objects.filter(pk=unit.pk).with_descendants() if unit else None,
            author=self.value("author"),
        )

    def query(self, **changes):
        """The valid part of the query as address parameters, with ``changes`` applied."""
        values = {name: self.value(name) for name in self.fields}
        values.update(changes)
        return {name: _parameter(value) for name, value in values.items() if value}


def _parameter(value):
    return value.isoformat() if isinstance(value, date) else getattr(value, "pk", value)
