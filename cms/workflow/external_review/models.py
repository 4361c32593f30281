"""A review link given to one external person for one revision of a page."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.workflow.external_review.tokens import make_token

DEFAULT_DAYS = 3
MAX_DAYS = 14


class ExternalReview(models.Model):
    """One person's review of the revision that was in moderation when the link was made."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("approved")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="external_reviews"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name=_("revision"), on_delete=models.CASCADE, related_name="+"
    )
    reviewer_name = models.CharField(_("name"), max_length=150)
    reviewer_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    reviewer_email = models.EmailField(_("e-mail"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("external review link")
        verbose_name_plural = _("external review links")

    def __str__(self):
        return self.reviewer

    @property
    def reviewer(self):
        """The person as history and e-mails name them: "Anna Nowak (Urząd Marszałkowski)"."""
        if self.reviewer_organisation:
            return f"{self.reviewer_name} ({self.reviewer_organisation})"
        return self.reviewer_name

    @property
    def token(self):
        return make_token(self.pk)

    @property
    def url(self):
        path = reverse("external_review:review", args=[self.token])
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_open(self):
        """Whether the person can still decide."""
        return not (self.decision or self.is_revoked or self.is_expired)

    def status_label(self):
        if self.decision:
            return self.get_decision_display()
        if self.is_revoked:
            return _("revoked")
        if self.is_expired:
            return _("expired")
        return _("waiting")
