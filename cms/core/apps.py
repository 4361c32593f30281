from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = _("Komunikat core")

    def ready(self):
        from django.core import checks

        from cms.core.checks import check_plugins

        checks.register(check_plugins, "komunikat")
