"""Journalists: contacts, beats, the newsrooms they worked for, and what RODO asks us to record."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.models import Orderable

from plugins.crm.models.base import ContactRecord, SocialProfile
from plugins.crm.validators import validate_phone


class ContactChannel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    PHONE = "phone", _("phone")
    SMS = "sms", _("text message")
    SOCIAL = "social", _("social media")
    IN_PERSON = "in_person", _("in person")


class LegalBasis(models.TextChoices):
    """RODO article 6(1): why we may hold the data."""

    LEGITIMATE_INTEREST = "legitimate_interest", _("legitimate interest (art. 6(1)(f))")
    CONSENT = "consent", _("consent (art. 6(1)(a))")
    PUBLIC_TASK = "public_task", _("public task (art. 6(1)(e))")
    CONTRACT = "contract", _("contract (art. 6(1)(b))")


class JournalistTag(TaggedItemBase):
    content_object = ParentalKey("crm.Journalist", on_delete=models.CASCADE, related_name="tagged")


class JournalistQuerySet(models.QuerySet):
    def with_primary_address(self):
        """Each journalist's primary e-mail (else the first) as ``primary_address``, read with the row."""
        first = JournalistEmail.objects.filter(journalist=models.OuterRef("pk")).order_by(
            "-primary", "sort_order", "pk"
        )
        return self.annotate(primary_address=models.Subquery(first.values("email")[:1]))

    def not_erased(self):
        return self.filter(erased_at__isnull=True)

    def choosable(self):
        """Journalists a task, list or form may point at: neither erased nor merged into another."""
        return self.not_erased().filter(merged_into__isnull=True)

    def matching(self, text):
        """Journalists whose first or last name or any e-mail contains every word of ``text``, any case."""
        journalists = self
        for word in text.split():
            emails = JournalistEmail.objects.filter(journalist=models.OuterRef("pk"), email__icontains=word)
            journalists = journalists.filter(
                models.Q(first_name__icontains=word)
                | models.Q(last_name__icontains=word)
                | models.Exists(emails)
            )
        return journalists


class Journalist(ContactRecord):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    beats = ParentalManyToManyField(
        "core.Topic", verbose_name=_("beats"), blank=True, related_name="journalists"
    )
    preferred_channel = models.CharField(
        _("preferred contact"), max_length=20, choices=ContactChannel.choices, default=ContactChannel.EMAIL
    )
    tags = ClusterTaggableManager(through=JournalistTag, verbose_name=_("tags"), blank=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=30, choices=LegalBasis.choices, default=LegalBasis.LEGITIMATE_INTEREST
    )
    data_source = models.CharField(
        _("source of the data"),
        max_length=200,
        help_text=_("e.g. business card, outlet's website, own inquiry"),
    )
    review_at = models.DateField(
        _("review the data on"), help_text=_("When to check the data is still needed.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    objects = JournalistQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")
        indexes = [
            models.Index(Lower("last_name"), Lower("first_name"), name="crm_journalist_name"),
            models.Index(fields=["last_name", "first_name", "id"], name="crm_journalist_order"),
        ]
        permissions = [
            ("merge_journalist", _("Can merge duplicate journalists")),
            ("export_contacts", _("Can export and import contacts")),
            ("manage_personal_data", _("Can export and erase a person's data")),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def primary_email(self):
        emails = list(self.emails.all())
        return next((e.email for e in emails if e.primary), emails[0].email if emails else "")

    def current_employments(self):
        return [job for job in self.employments.all() if job.ended_on is None]


class JournalistEmail(Orderable):
    journalist = ParentalKey(Journalist, on_delete=models.CASCADE, related_name="emails")
    email = models.EmailField(_("e-mail"))
    primary = models.BooleanField(_("primary"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="crm_journalist_email_unique"),
            models.UniqueConstraint(
                fields=["journalist"], condition=models.Q(primary=True), name="crm_one_primary_email"
            ),
        ]

    def __str__(self):
        return self.email


class JournalistPhone(Orderable):
    journalist = ParentalKey(Journalist, on_delete=models.CASCADE, related_name="phones")
    label = models.CharField(_("label"), max_length=50, blank=True, help_text=_("e.g. mobile, newsroom"))
    number = models.CharField(_("number"), max_length=30, validators=[validate_phone])

    class Meta(Orderable.Meta):
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self):
        return self.number


class JournalistSocialProfile(SocialProfile):
    journalist = ParentalKey(Journalist, on_delete=models.CASCADE, related_name="social_profiles")


class Employment(Orderable):
    """A journalist at an outlet with a role, from a date until a date (open while current)."""

    journalist = ParentalKey(Journalist, on_delete=models.CASCADE, related_name="employments")
    outlet = models.ForeignKey(
        "crm.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="employments"
    )
    role = models.CharField(
        _("role"), max_length=100, blank=True, help_text=_("e.g. reporter, editor-in-chief")
    )
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        indexes = [models.Index(fields=["outlet", "ended_on"])]

    def __str__(self):
        return (
            f"{self.journalist} — {self.outlet} ({self.role})"
            if self.role
            else f"{self.journalist} — {self.outlet}"
        )
