"""Extensible fields: administrators define extra fields of outlets and journalists.

Values live in the ``extra`` JSON field of the record, keyed by the field's
``key``; :func:`plugins.crm.custom_values.clean_values` validates them.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CustomFieldTarget(models.TextChoices):
    OUTLET = "outlet", _("outlet")
    JOURNALIST = "journalist", _("journalist")


class CustomFieldKind(models.TextChoices):
    TEXT = "text", _("text")
    NUMBER = "number", pgettext_lazy("kind of custom field", "number")
    DATE = "date", _("date")
    BOOLEAN = "boolean", _("yes/no")
    CHOICE = "choice", _("choice list")


class CustomFieldQuerySet(models.QuerySet):
    def for_target(self, target):
        return self.filter(target=target)


class CustomField(models.Model):
    target = models.CharField(_("record"), max_length=20, choices=CustomFieldTarget.choices)
    key = models.SlugField(
        _("key"),
        max_length=50,
        validators=[RegexValidator(r"^[a-z][a-z0-9_]*$", _("Lower-case letters, digits and _ only."))],
        help_text=_("Name in exports and the API, e.g. circulation."),
    )
    label = models.CharField(_("label"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=20, choices=CustomFieldKind.choices, default=CustomFieldKind.TEXT
    )
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For a choice list: one choice per line.")
    )
    required = models.BooleanField(_("required"), default=False)
    help_text = models.CharField(_("help text"), max_length=200, blank=True)
    show_in_list = models.BooleanField(_("show in the list"), default=True)
    filterable = models.BooleanField(_("filter the list by it"), default=False)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = CustomFieldQuerySet.as_manager()

    class Meta:
        ordering = ["target", "sort_order", "label"]
        verbose_name = _("custom field")
        verbose_name_plural = _("custom fields")
        constraints = [models.UniqueConstraint(fields=["target", "key"], name="crm_custom_field_key_unique")]

    def __str__(self):
        return f"{self.label} ({self.get_target_display()})"

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]
