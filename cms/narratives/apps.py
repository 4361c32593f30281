from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NarrativesConfig(AppConfig):
    name = "cms.narratives"
    label = "narratives"
    verbose_name = _("Narratives")

    def ready(self):
        from cms.narratives import jobs, signals, usage  # noqa: F401  (periodic jobs, index sync, uses)
