from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """When a periodic job last ran through the scheduler and a worker."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    seen_at = models.DateTimeField(_("seen at"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")
        default_permissions = ()
        permissions = [("view_system_status", _("Can view the system status"))]

    def __str__(self):
        return self.name
