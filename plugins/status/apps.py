from django.utils.translation import gettext_lazy as _

from cms.plugin_api.config import KomunikatPlugin
from cms.plugin_api.menu import MenuItem


class StatusPlugin(KomunikatPlugin):
    name = "plugins.status"
    label = "status"
    verbose_name = _("System status")
    version = "0.1.0"
    platform_versions = ">=0.1,<1"
    category = "operations"
    description = _("Shows whether the database, Redis, job queues, the scheduler and Elasticsearch work.")
    queues = ("default",)
    menu_items = (
        MenuItem(
            label=_("System status"),
            url_name="status:index",
            icon_name="pick",
            order=9000,
            permission="status.view_system_status",
        ),
    )
