"""Each user's secret address of their calendar feed."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The token in a user's iCalendar feed address; deleting it revokes the address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self):
        return str(self.user)

    @classmethod
    def issue(cls, user):
        """A fresh token for ``user``; an address given out before stops working."""
        token, _created = cls.objects.update_or_create(
            user=user, defaults={"token": new_token(), "created_at": timezone.now(), "last_used_at": None}
        )
        return token
