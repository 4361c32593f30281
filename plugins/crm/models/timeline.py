"""The timeline: every exchange with a journalist or an outlet, in order, with attachments.

Other plugins (the inquiry desk) and the CRM's own mailing add entries through
:func:`plugins.crm.timeline.record`, linking the object the entry is about.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core.storage import private_storage


class EntryKind(models.TextChoices):
    NOTE = "note", _("note")
    CALL = "call", _("call")
    MEETING = "meeting", _("meeting")
    EMAIL_SENT = "email_sent", _("e-mail sent")
    EMAIL_RECEIVED = "email_received", _("e-mail received")
    MATERIAL_SENT = "material_sent", _("materials sent")
    INQUIRY = "inquiry", _("inquiry")
    PRESS_RELEASE = "press_release", _("press release sent")


class TimelineEntry(models.Model):
    journalist = models.ForeignKey(
        "crm.Journalist", verbose_name=_("journalist"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="timeline",
    )  # fmt: skip
    outlet = models.ForeignKey(
        "crm.Outlet", verbose_name=_("outlet"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="timeline",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices, default=EntryKind.NOTE)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("details"), blank=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(journalist__isnull=False) | models.Q(outlet__isnull=False),
                name="crm_entry_has_a_contact",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"


class TimelineAttachment(models.Model):
    """A document or material, archived with the record (private storage, never public media)."""

    entry = models.ForeignKey(TimelineEntry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="crm/%Y/%m/", storage=private_storage, max_length=255)
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name
