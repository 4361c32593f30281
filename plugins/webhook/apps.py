from django.utils.translation import gettext_lazy as _

from cms.plugin_api.config import KomunikatPlugin


class WebhookPlugin(KomunikatPlugin):
    name = "plugins.webhook"
    label = "webhook"
    verbose_name = _("Webhook")
    version = "0.1.0"
    platform_versions = ">=0.1,<1"
    category = "connector"
    description = _("Sends approved posts as signed JSON to an address of your choice: city apps, screens.")
