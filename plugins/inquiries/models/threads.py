"""The thread of a case: internal notes and messages to and from the journalist, with attachments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.core.storage import private_storage
from cms.organisation.scoping import Scope


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("internal (press office and assigned units)")
    EXTERNAL = "external", _("with the journalist")


class Direction(models.TextChoices):
    INCOMING = "incoming", _("from the journalist")
    OUTGOING = "outgoing", _("to the journalist")
    NOTE = "note", _("internal note")


class Message(models.Model):
    inquiry = models.ForeignKey("inquiries.Inquiry", on_delete=models.CASCADE, related_name="messages")
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_address = models.CharField(_("from"), max_length=255, blank=True)
    to_address = models.CharField(_("to"), max_length=255, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("message"))
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True, db_index=True)
    in_reply_to = models.CharField(_("In-Reply-To"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    #: Why the e-mail could not be delivered, when it could not.
    delivery_error = models.TextField(_("delivery error"), blank=True)

    scope = Scope(
        units=("inquiry__assignments__unit",),
        people=("inquiry__coordinator", "inquiry__assignments__experts"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return self.subject or self.body[:60]


class Attachment(models.Model):
    """A file of a case (the journalist's, a unit's material, a refusal decision); private storage."""

    inquiry = models.ForeignKey("inquiries.Inquiry", on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="inquiries/%Y/%m/", storage=private_storage, max_length=255)
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    content_type = models.CharField(_("type"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    is_refusal_decision = models.BooleanField(_("refusal decision"), default=False)

    scope = Scope(
        units=("inquiry__assignments__unit",),
        people=("inquiry__coordinator", "inquiry__assignments__experts"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name
