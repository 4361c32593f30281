"""Values of the extensible (custom) fields: validation, form fields, display and filtering.

A record keeps its values in ``extra`` as JSON, keyed by :attr:`CustomField.key`:
text and choices as strings, numbers as numbers, dates as ISO strings
(``2026-05-04``) and yes/no as booleans. :func:`clean_values` is the one check,
used by the admin forms, the API and the import.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateInput

from plugins.crm.models import CustomField, CustomFieldKind

FORM_PREFIX = "extra__"
TRUE_WORDS = {"true", "1", "yes", "y", "tak", "t"}
FALSE_WORDS = {"false", "0", "no", "n", "nie"}


def definitions(target):
    """The custom fields of ``target`` ("outlet" or "journalist"), in their order."""
    return list(CustomField.objects.for_target(target))


def is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def clean_value(definition, value):
    """``value`` (from a form, the API or a CSV cell) as JSON for ``definition``; None when empty."""
    if is_empty(value):
        if definition.required:
            raise ValidationError(_("This field is required."), code="required")
        return None
    kind = definition.kind
    if kind == CustomFieldKind.NUMBER:
        return _number(value)
    if kind == CustomFieldKind.DATE:
        return _date(value)
    if kind == CustomFieldKind.BOOLEAN:
        return _boolean(value)
    value = str(value).strip()
    if kind == CustomFieldKind.CHOICE and value not in definition.choice_list:
        raise ValidationError(
            _("“%(value)s” is not one of the choices: %(choices)s."),
            code="invalid_choice",
            params={"value": value, "choices": ", ".join(definition.choice_list)},
        )
    return value


def _number(value):
    if isinstance(value, bool):
        raise ValidationError(_("Enter a number."), code="invalid")
    try:
        number = Decimal(str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValidationError(_("Enter a number."), code="invalid") from None
    if not number.is_finite():
        raise ValidationError(_("Enter a number."), code="invalid")
    return int(number) if number == number.to_integral_value() else float(number)


def _date(value):
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValidationError(_("Enter a date as YYYY-MM-DD."), code="invalid") from None


def _boolean(value):
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError(_("Enter yes or no."), code="invalid")


def clean_values(target, values, *, partial=False):
    """Check ``values`` ({key: value}) against the custom fields of ``target``; return them as JSON.

    Unknown keys and bad values raise ValidationError({key: [messages]}). Empty
    values are left out of the result. With ``partial`` only the keys given are
    checked (required fields may be missing) and a key given empty maps to None,
    which tells the caller to remove it from the stored values.
    """
    fields = {definition.key: definition for definition in definitions(target)}
    errors, cleaned = {}, {}
    for key in values:
        if key not in fields:
            errors[key] = [
                _("No such custom field; the fields are: %(keys)s.") % {"keys": ", ".join(fields) or "—"}
            ]
    for key, definition in fields.items():
        if partial and key not in values:
            continue
        try:
            value = clean_value(definition, values.get(key))
        except ValidationError as error:
            errors[key] = error.messages
            continue
        if value is not None or partial:
            cleaned[key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def merge_values(stored, cleaned):
    """``stored`` with the ``cleaned`` values of :func:`clean_values` (partial) applied."""
    merged = {**stored, **cleaned}
    return {key: value for key, value in merged.items() if value is not None}


def form_field(definition, initial=None):
    """A form field for ``definition``; :func:`clean_values` checks what it returns."""
    options = {
        "label": definition.label,
        "help_text": definition.help_text,
        "required": definition.required,
        "initial": initial,
    }
    if definition.kind == CustomFieldKind.DATE:
        return forms.DateField(widget=AdminDateInput, **options)
    if definition.kind == CustomFieldKind.BOOLEAN:
        return forms.NullBooleanField(**options)
    if definition.kind == CustomFieldKind.CHOICE:
        choices = [("", "---------")] + [(choice, choice) for choice in definition.choice_list]
        return forms.CharField(widget=forms.Select(choices=choices), **options)
    if definition.kind == CustomFieldKind.NUMBER:
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **options)
    return forms.CharField(max_length=1000, **options)


def display(definition, value):
    """``value`` as text for lists and CSV files ("" when empty)."""
    if value is None or value == "":
        return ""
    if definition.kind == CustomFieldKind.BOOLEAN:
        return _("yes") if value else _("no")
    if definition.kind == CustomFieldKind.DATE:
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except (TypeError, ValueError):
            return str(value)
    if definition.kind == CustomFieldKind.NUMBER:
        return formats.number_format(value)
    return str(value)


def export_value(definition, value):
    """``value`` typed for a spreadsheet cell: numbers, dates and booleans stay what they are."""
    if value is None:
        return None
    if definition.kind == CustomFieldKind.DATE:
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            return str(value)
    return value


def filter_form_field(definition):
    """A list filter for ``definition``: text contains the words, other kinds match exactly."""
    options = {"label": definition.label, "required": False}
    if definition.kind == CustomFieldKind.BOOLEAN:
        return forms.NullBooleanField(**options)
    if definition.kind == CustomFieldKind.DATE:
        return forms.DateField(widget=AdminDateInput, **options)
    if definition.kind == CustomFieldKind.CHOICE:
        choices = [("", gettext_lazy("any"))] + [(choice, choice) for choice in definition.choice_list]
        return forms.ChoiceField(choices=choices, **options)
    return forms.CharField(**options)


def filter_queryset(queryset, definition, value):
    """Records whose value of ``definition`` matches ``value`` (JSON lookups of PostgreSQL and SQLite)."""
    if is_empty(value):
        return queryset
    lookup = f"extra__{definition.key}"
    if definition.kind == CustomFieldKind.TEXT:
        return queryset.filter(**{f"{lookup}__icontains": str(value).strip()})
    try:
        value = clean_value(definition, value)
    except ValidationError:
        return queryset.none()
    if value is False:
        return queryset.filter(Q(**{lookup: False}) | ~Q(extra__has_key=definition.key))
    return queryset.filter(**{lookup: value})
