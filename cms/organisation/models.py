"""The municipality's units and who belongs to them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.search import index


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", _("department")
    ORGANISATIONAL_UNIT = "organisational_unit", _("organisational unit")
    MUNICIPAL_COMPANY = "municipal_company", _("municipal company")


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def with_descendants(self):
        """These units and every unit below them (the tree is small: one query per level)."""
        ids = set(self.values_list("pk", flat=True))
        frontier = ids
        while frontier:
            frontier = set(Unit.objects.filter(parent__in=frontier).values_list("pk", flat=True)) - ids
            ids |= frontier
        return Unit.objects.filter(pk__in=ids)


class Unit(index.Indexed, ClusterableModel):
    """A department, organisational unit or municipal company, nested under another unit."""

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9][A-Z0-9-]*$", _("Use capital letters, digits and dashes."))],
        help_text=_("Short code used in case numbers and routing, e.g. WGK or MPK."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices, default=UnitKind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = UnitQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("active"),
        InlinePanel("memberships", heading=_("Members"), label=_("member")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("code")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return f"{self.name} ({self.code})"

    def ancestors(self):
        """Units above this one as stored, nearest first; stops at a cycle."""
        chain, seen, parent_id = [], {self.pk}, self.parent_id
        while parent_id is not None and parent_id not in seen:
            unit = Unit.objects.get(pk=parent_id)
            chain.append(unit)
            seen.add(unit.pk)
            parent_id = unit.parent_id
        return chain

    def clean(self):
        super().clean()
        if self.code:
            self.code = self.code.upper()
        if (
            self.pk
            and self.parent_id
            and (self.parent_id == self.pk or self.pk in {unit.pk for unit in self.parent.ancestors()})
        ):
            raise ValidationError({"parent": _("A unit cannot be placed under itself or its own sub-unit.")})


class MembershipRole(models.TextChoices):
    REPRESENTATIVE = "representative", _("representative")
    SUBJECT_EXPERT = "subject_expert", _("subject expert")
    UNIT_HEAD = "unit_head", _("unit head")


class Membership(models.Model):
    """A user's role in one unit; a user may hold several."""

    unit = ParentalKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="unit_memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=MembershipRole.choices)

    panels = [FieldPanel("user"), FieldPanel("role")]

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["unit", "user", "role"], name="unique_membership_role"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit.code}"
