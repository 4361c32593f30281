from django.utils.translation import gettext_lazy as _

from cms.plugin_api.config import KomunikatPlugin, PluginState


class EngagePlugin(KomunikatPlugin):
    name = "plugins.engage"
    label = "engage"
    verbose_name = _("Engage")
    version = "0.1.0"
    platform_versions = ">=0.1,<1"
    category = "editorial"
    description = _(
        "Comments and messages from every channel in one inbox: assignment, replies through the connector "
        "with saved templates, keyword alerts and sentiment; insights of published posts with charts."
    )
    queues = ("default",)
    default_settings = {
        # Insights are collected for deliveries published this many days back.
        "INSIGHTS_DAYS": 30,
        # Inbox items older than this many days lose their author and text (RODO storage limitation).
        "RETENTION_DAYS": 365,
    }

    def ready(self):
        super().ready()
        if self.state == PluginState.ACTIVE:
            from plugins.engage import personal_data  # noqa: F401 - registration


def setting(name):
    """A plugin setting as an integer (environment variables arrive as text)."""
    from django.apps import apps

    return int(apps.get_app_config("engage").get_setting(name))
