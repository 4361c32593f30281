"""Distribution lists and the mailing of press releases to them, one status per recipient."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase


class DistributionListTag(TaggedItemBase):
    content_object = ParentalKey("crm.DistributionList", on_delete=models.CASCADE, related_name="tagged")


class DistributionList(ClusterableModel):
    """Journalists chosen by tags, beats and outlets (any of them), plus people added by hand."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    tags = ClusterTaggableManager(
        through=DistributionListTag, verbose_name=_("journalists tagged"), blank=True
    )
    beats = ParentalManyToManyField(
        "core.Topic", verbose_name=_("journalists of the beats"), blank=True, related_name="+"
    )
    outlets = ParentalManyToManyField(
        "crm.Outlet", verbose_name=_("journalists now at"), blank=True, related_name="+"
    )
    journalists = ParentalManyToManyField(
        "crm.Journalist", verbose_name=_("and these journalists"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("distribution list")
        verbose_name_plural = _("distribution lists")

    def __str__(self):
        return self.name


class Unsubscription(models.Model):
    """A journalist who asked to get no more mailings (from one list, or from all when ``list`` is empty)."""

    journalist = models.ForeignKey("crm.Journalist", on_delete=models.CASCADE, related_name="unsubscriptions")
    list = models.ForeignKey(
        DistributionList, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("unsubscribed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("unsubscription")
        verbose_name_plural = _("unsubscriptions")
        constraints = [models.UniqueConstraint(fields=["journalist", "list"], name="crm_unsubscribed_once")]

    def __str__(self):
        return f"{self.journalist} ({self.list or _('all lists')})"


class MailingStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    DONE = "done", _("sent")


class Mailing(models.Model):
    """One press release sent to one list; each recipient keeps its own status."""

    list = models.ForeignKey(
        DistributionList, verbose_name=_("list"), on_delete=models.PROTECT, related_name="mailings"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("press release"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=MailingStatus.choices, default=MailingStatus.QUEUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")

    def __str__(self):
        return f"{self.subject} → {self.list}"


class RecipientStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


def new_token():
    return secrets.token_urlsafe(24)


class MailingRecipient(models.Model):
    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="recipients")
    journalist = models.ForeignKey(
        "crm.Journalist",
        verbose_name=_("journalist"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="mailings",
    )
    email = models.EmailField(_("e-mail"))
    status = models.CharField(
        _("status"), max_length=20, choices=RecipientStatus.choices, default=RecipientStatus.QUEUED
    )
    error = models.TextField(_("reason"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [models.UniqueConstraint(fields=["mailing", "email"], name="crm_one_copy_per_address")]
        indexes = [models.Index(fields=["mailing", "status"])]

    def __str__(self):
        return self.email
