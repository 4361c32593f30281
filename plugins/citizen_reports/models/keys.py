"""Open311 API keys: each application that posts reports has one; only its hash is stored."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


class Open311KeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def create_key(self, name, user=None):
        """A new key for ``name``: returns (Open311Key, the key in clear, shown this once)."""
        key = "o311_" + secrets.token_urlsafe(30)
        record = self.create(name=name, prefix=key[:12], key_hash=hash_key(key), created_by=user)
        return record, key

    def authenticate(self, key):
        """The active key record for ``key``, or None."""
        if not key:
            return None
        return self.active().filter(key_hash=hash_key(key)).first()


class Open311Key(models.Model):
    name = models.CharField(_("application"), max_length=120)
    prefix = models.CharField(_("key begins with"), max_length=20, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = Open311KeyQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self):
        return self.revoked_at is None
