"""Versions of a text and the decisions taken on them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionState(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_APPROVAL = "in_approval", _("in approval")
    RETURNED = "returned", _("sent back")
    APPROVED = "approved", _("approved")
    SENT = "sent", _("sent")
    SUPERSEDED = "superseded", _("superseded")


class TextVersionQuerySet(models.QuerySet):
    def of(self, subject):
        return self.of_model(type(subject)).filter(object_id=subject.pk)

    def of_model(self, model):
        """Versions of the texts of every row of ``model`` (for subqueries over its rows)."""
        return self.filter(content_type=ContentType.objects.get_for_model(model))


class TextVersion(models.Model):
    """One version of the text; every saved draft is a new version, so none is ever lost."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField(_("version"))
    body = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=20, choices=VersionState.choices, default=VersionState.DRAFT
    )
    #: The stage waiting for a decision (1-based) while in approval; the last stage passed otherwise.
    stage = models.PositiveSmallIntegerField(_("stage"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = TextVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("text version")
        verbose_name_plural = _("text versions")
        ordering = ["content_type", "object_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"], name="unique_text_version"
            ),
        ]

    def __str__(self):
        return _("Version %(number)d (%(state)s)") % {
            "number": self.number,
            "state": self.get_state_display(),
        }


class Decision(models.Model):
    """An approval or a send-back of one version at one stage, with who, when and why."""

    version = models.ForeignKey(
        TextVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="decisions"
    )
    stage = models.PositiveSmallIntegerField(_("stage"))
    approved = models.BooleanField(_("approved"))
    comment = models.TextField(_("comment"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("approval decision")
        verbose_name_plural = _("approval decisions")
        ordering = ["decided_at", "pk"]

    def __str__(self):
        verdict = _("approved") if self.approved else _("sent back")
        return f"{self.version} – {verdict}"
