"""E-mails from the press office mailbox that could not become or join a case: kept, never dropped."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.core.storage import private_storage


class QuarantinedMail(models.Model):
    raw = models.FileField(
        _("original message"),
        upload_to="inquiries/quarantine/%Y/%m/",
        storage=private_storage,
        max_length=255,
    )
    size = models.PositiveBigIntegerField(_("size"), default=0)
    mailbox = models.CharField(_("mailbox"), max_length=200, blank=True)
    uid = models.CharField(_("IMAP UID"), max_length=40, blank=True)
    sender = models.CharField(_("sender"), max_length=255, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    reason = models.TextField(_("reason"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    inquiry = models.ForeignKey(
        "inquiries.Inquiry",
        verbose_name=_("inquiry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("quarantined e-mail")
        verbose_name_plural = _("quarantined e-mails")

    def __str__(self):
        return f"{self.subject or _('(no subject)')} – {self.reason[:60]}"
