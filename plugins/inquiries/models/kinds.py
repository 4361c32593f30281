"""The managed list of inquiry kinds and the response policies (SLA) per kind and priority."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.sla.models import SlaPolicy


class Priority(models.TextChoices):
    LOW = "low", _("low")
    NORMAL = "normal", _("normal")
    HIGH = "high", _("high")
    URGENT = "urgent", _("urgent")


class InquiryKind(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("inquiry kind")
        verbose_name_plural = _("inquiry kinds")

    def __str__(self):
        return self.name


class ResponsePolicyQuerySet(models.QuerySet):
    def for_case(self, kind, priority):
        """The most specific active policy: kind and priority, then kind, then priority, then any."""
        candidates = self.filter(active=True).filter(
            models.Q(kind=kind) | models.Q(kind__isnull=True),
            models.Q(priority=priority) | models.Q(priority=""),
        )
        return sorted(candidates, key=lambda p: (p.kind_id is None, p.priority == "", p.pk))[:1]


class ResponsePolicy(SlaPolicy):
    """How soon an inquiry of a kind and priority is answered; empty kind or priority means any."""

    kind = models.ForeignKey(
        InquiryKind,
        verbose_name=_("kind"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="policies",
        help_text=_("Empty: every kind."),
    )
    priority = models.CharField(
        _("priority"),
        max_length=10,
        choices=Priority.choices,
        blank=True,
        help_text=_("Empty: every priority."),
    )

    objects = ResponsePolicyQuerySet.as_manager()

    class Meta:
        ordering = ["kind__name", "priority", "name"]
        verbose_name = _("response policy")
        verbose_name_plural = _("response policies")

    def clean(self):
        super().clean()
        same = ResponsePolicy.objects.filter(kind=self.kind, priority=self.priority, active=True).exclude(
            pk=self.pk
        )
        if self.active and same.exists():
            raise ValidationError(_("An active policy for this kind and priority exists already."))
