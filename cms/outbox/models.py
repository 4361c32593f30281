"""The outbox: connected channels, and one delivery per published post and channel with its attempts.

Connectors (plugins) talk to the platforms; the core records what must go
where, each attempt, and what the platform answered (``cms.outbox.publishing``).
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.core.encryption import EncryptedJSONField
from cms.outbox.registry import UnknownPlatform, connector_class


class Health(models.TextChoices):
    UNKNOWN = "unknown", _("not checked yet")
    VALID = "valid", _("token valid")
    EXPIRING = "expiring", _("token expiring")
    INVALID = "invalid", _("token invalid")


class ChannelQuerySet(models.QuerySet):
    def usable(self):
        """Channels a post may target: switched on, with credentials not known to be broken."""
        return self.filter(active=True).exclude(health=Health.INVALID)


class Channel(models.Model):
    """A connected account on one platform: a Facebook Page, a Mastodon account, a webhook."""

    platform = models.CharField(_("platform"), max_length=40)
    name = models.CharField(_("name"), max_length=120, unique=True)
    account_id = models.CharField(
        _("account"),
        max_length=200,
        blank=True,
        help_text=_("The account on the platform: a page id, a handle."),
    )
    owner_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        related_name="channels",
        help_text=_(
            "The unit that runs the account; its contacts are told when the channel needs attention."
        ),
    )
    credentials = EncryptedJSONField(_("credentials"), blank=True, editable=False)
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    active = models.BooleanField(_("active"), default=True)
    health = models.CharField(_("health"), max_length=20, choices=Health.choices, default=Health.UNKNOWN)
    health_message = models.TextField(_("health message"), blank=True)
    health_checked_at = models.DateTimeField(_("health checked"), null=True, blank=True)
    token_expires_at = models.DateTimeField(_("token expires"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ChannelQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        indexes = [models.Index(fields=["platform", "active"])]

    def __str__(self):
        return self.name

    @property
    def connector_class(self):
        return connector_class(self.platform)

    @property
    def has_connector(self):
        try:
            connector_class(self.platform)
        except UnknownPlatform:
            return False
        return True

    @property
    def platform_label(self):
        return self.connector_class.verbose_name if self.has_connector else self.platform

    def connector(self):
        """The platform's connector with this channel's credentials and settings."""
        return self.connector_class(self.credentials, self.settings)


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("being sent")
    PUBLISHED = "published", _("published")
    FAILED = "failed", _("failed")
    CHECK = "check", _("to check by a person")


class DeliveryQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class Delivery(models.Model):
    """One post going to one channel; at most one per post and channel, ever."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.ForeignKey(
        Channel, verbose_name=_("channel"), on_delete=models.PROTECT, related_name="deliveries"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    idempotency_key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    due_at = models.DateTimeField(_("due at"))
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    enqueued_at = models.DateTimeField(_("handed to a worker"), null=True, blank=True)
    attempt_count = models.PositiveSmallIntegerField(_("attempts"), default=0)
    external_id = models.CharField(_("id on the platform"), max_length=255, blank=True)
    url = models.URLField(_("address on the platform"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "channel"], name="one_delivery_per_object_channel"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id} → {self.channel} ({self.status})"


class AttemptOutcome(models.TextChoices):
    STARTED = "started", _("started")
    PUBLISHED = "published", _("published")
    RETRY = "retry", _("failed, will retry")
    FAILED = "failed", _("failed")
    UNKNOWN = "unknown", _("outcome unknown")
    RECONCILED = "reconciled", _("found on the platform")
    NOT_FOUND = "not_found", _("not found on the platform")


class DeliveryAttempt(models.Model):
    """One call to the platform for a delivery, and what came of it."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts")
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=AttemptOutcome.choices, default=AttemptOutcome.STARTED
    )
    message = models.TextField(_("message"), blank=True)
    platform_message = models.TextField(_("platform's message"), blank=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who decided, when a person settled a delivery in doubt."),
    )

    class Meta:
        ordering = ["started_at", "pk"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self):
        return f"{self.delivery} @ {self.started_at:%Y-%m-%d %H:%M}: {self.outcome}"
