from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaConfig(AppConfig):
    name = "cms.sla"
    label = "sla"
    verbose_name = _("Deadlines (SLA)")

    def ready(self):
        from cms.sla import jobs  # noqa: F401  (declares the sweep)
