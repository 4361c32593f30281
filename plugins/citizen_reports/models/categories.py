"""What citizens can report: categories with their extra questions and deadlines, areas, routing rules."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from cms.sla.models import SlaPolicy


class Category(ClusterableModel):
    """A kind of problem on the public form; its code is the Open311 ``service_code``.

    A cluster with its questions, so that the admin edits both in one form.
    """

    code = models.CharField(
        _("code"),
        max_length=50,
        unique=True,
        validators=[RegexValidator(r"^[a-z0-9][a-z0-9_-]*$", _("Lowercase letters, digits, - and _."))],
        help_text=_("Stable identifier for Open311 clients (service_code), e.g. “oswietlenie”."),
    )
    name = models.CharField(_("name"), max_length=120)
    group = models.CharField(_("group"), max_length=120, blank=True, help_text=_("E.g. “Drogi i chodniki”."))
    description = models.TextField(_("description"), blank=True, help_text=_("What the category covers."))
    help_text = models.TextField(
        _("help for the citizen"),
        blank=True,
        help_text=_("Shown under the category on the public form: what to describe, what to photograph."),
    )
    keywords = models.CharField(_("keywords"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["group", "order", "name"]
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")

    def __str__(self):
        return self.name


class QuestionType(models.TextChoices):
    """Open311 attribute datatypes."""

    STRING = "string", _("short text")
    TEXT = "text", _("long text")
    NUMBER = "number", _("number")
    DATETIME = "datetime", _("date and time")
    SINGLE = "singlevaluelist", _("one of a list")
    MULTI = "multivaluelist", _("several of a list")


class CategoryQuestion(models.Model):
    """An extra question of a category (an Open311 attribute), asked on the form and over the API."""

    category = ParentalKey(Category, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(
        _("code"),
        max_length=50,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", _("Letters, digits, - and _."))],
    )
    question = models.CharField(_("question"), max_length=255)
    description = models.CharField(_("help"), max_length=255, blank=True)
    datatype = models.CharField(_("answer type"), max_length=20, choices=QuestionType.choices)
    required = models.BooleanField(_("required"), default=False)
    #: For list types: ``[{"key": "...", "name": "..."}, ...]``.
    values = models.JSONField(_("choices"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["category", "order", "pk"]
        verbose_name = _("category question")
        verbose_name_plural = _("category questions")
        constraints = [models.UniqueConstraint(fields=["category", "code"], name="unique_question_code")]

    def __str__(self):
        return self.question

    @property
    def is_list(self):
        return self.datatype in (QuestionType.SINGLE, QuestionType.MULTI)

    def clean(self):
        if self.is_list and not self.values:
            raise ValidationError({"values": _("A list question needs its choices.")})
        for value in self.values or ():
            if not isinstance(value, dict) or not {"key", "name"} <= set(value):
                raise ValidationError({"values": _("Each choice needs a “key” and a “name”.")})


class Target(models.TextChoices):
    FIRST_RESPONSE = "first_response", _("first response")
    RESOLUTION = "resolution", _("resolution")


class ReportPolicyQuerySet(models.QuerySet):
    def for_report(self, category, target):
        """The category's active policy for ``target``, else the default one (no category), else None."""
        candidates = self.filter(active=True, target=target).filter(
            models.Q(category=category) | models.Q(category__isnull=True)
        )
        return min(candidates, key=lambda p: (p.category_id is None, p.pk), default=None)


class ReportPolicy(SlaPolicy):
    """How soon a report of a category gets its first response, or is resolved."""

    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="policies",
        help_text=_("Empty: every category without a policy of its own."),
    )
    target = models.CharField(_("deadline for"), max_length=20, choices=Target.choices)

    objects = ReportPolicyQuerySet.as_manager()

    class Meta:
        ordering = ["category__name", "target"]
        verbose_name = _("report deadline policy")
        verbose_name_plural = _("report deadline policies")

    def clean(self):
        super().clean()
        same = ReportPolicy.objects.filter(category=self.category, target=self.target, active=True)
        if self.active and same.exclude(pk=self.pk).exists():
            raise ValidationError(_("An active policy for this category and deadline exists already."))


class Area(models.Model):
    """A part of the city (a district, an estate) drawn as a polygon, for routing by place."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    #: ``[[latitude, longitude], ...]``, the outline in order (closed or not).
    boundary = models.JSONField(_("boundary"), help_text=_("The outline as [[latitude, longitude], ...]."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name

    def clean(self):
        points = self.boundary if isinstance(self.boundary, list) else None
        valid = points is not None and len(points) >= 3
        for point in points or ():
            valid = valid and isinstance(point, list | tuple) and len(point) == 2
            valid = valid and all(isinstance(c, int | float) for c in point)
            valid = valid and -90 <= point[0] <= 90 and -180 <= point[1] <= 180
        if not valid:
            raise ValidationError({"boundary": _("Give at least three points as [latitude, longitude].")})


class RoutingRule(models.Model):
    """Reports of a category (in an area, if given) go to a unit or municipal company."""

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="rules"
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rules",
        help_text=_("Empty: anywhere else in the city."),
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="report_rules",
    )

    class Meta:
        ordering = ["category__name", "area__name"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        constraints = [
            models.UniqueConstraint(fields=["category", "area"], name="one_rule_per_category_area"),
            models.UniqueConstraint(
                fields=["category"], condition=models.Q(area__isnull=True), name="one_citywide_rule"
            ),
        ]

    def __str__(self):
        where = self.area.name if self.area_id else _("the whole city")
        return f"{self.category} ({where}) → {self.unit}"
