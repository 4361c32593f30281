"""Policies' common shape and the deadlines the sweep watches."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.sla.clock import DurationUnit, describe_duration, due_at, remind_time


class SlaPolicy(models.Model):
    """A time to answer, and how long before it people are reminded; plugins add what it applies to."""

    name = models.CharField(_("name"), max_length=200)
    amount = models.PositiveIntegerField(
        _("time to answer"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    unit = models.CharField(_("counted in"), max_length=20, choices=DurationUnit.choices)
    remind_before_hours = models.PositiveIntegerField(
        _("remind before (working hours)"),
        default=4,
        help_text=_("The people responsible are reminded this many working hours before the deadline."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.name} ({self.duration_display})"

    @property
    def duration_display(self):
        return describe_duration(self.amount, self.unit)

    def due_from(self, start):
        return due_at(start, self.amount, self.unit)


class DeadlineQuerySet(models.QuerySet):
    def open(self):
        return self.filter(met_at__isnull=True)

    def of(self, subject):
        return self.filter(content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk)

    def to_remind(self, now):
        return self.open().filter(reminded_at__isnull=True, remind_at__lte=now, due_at__gt=now)

    def to_escalate(self, now):
        return self.open().filter(escalated_at__isnull=True, due_at__lte=now)


class Deadline(models.Model):
    """One deadline of one case (the media's, the statutory one, a unit's internal one)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    key = models.CharField(_("key"), max_length=60, help_text=_("What the deadline is for, unique per case."))
    label = models.CharField(_("label"), max_length=200)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deadlines",
    )
    due_at = models.DateTimeField(_("due at"))
    remind_at = models.DateTimeField(_("remind at"), null=True, blank=True)
    met_at = models.DateTimeField(_("met at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "key"], name="unique_deadline_key"),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="sla_deadline_subject"),
            models.Index(
                fields=["remind_at"],
                name="sla_deadline_to_remind",
                condition=Q(met_at__isnull=True, reminded_at__isnull=True),
            ),
            models.Index(
                fields=["due_at"],
                name="sla_deadline_to_escalate",
                condition=Q(met_at__isnull=True, escalated_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.label}: {timezone.localtime(self.due_at):%Y-%m-%d %H:%M}"

    def shift(self, due_at, remind_before_hours):
        """Move the deadline; a later one is reminded and escalated again when it comes."""
        if due_at > self.due_at:
            self.reminded_at = self.escalated_at = None
        self.due_at = due_at
        self.remind_at = remind_time(due_at, remind_before_hours)
