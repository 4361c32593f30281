from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "cms.outbox"
    label = "outbox"
    verbose_name = _("Outbox")

    def ready(self):
        from cms.outbox import jobs  # noqa: F401  (declares the periodic jobs)
