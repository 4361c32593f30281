from django.utils.translation import gettext_lazy as _

from cms.plugin_api.config import KomunikatPlugin


class InstagramPlugin(KomunikatPlugin):
    name = "plugins.instagram"
    label = "instagram"
    verbose_name = "Instagram"
    version = "0.1.0"
    platform_versions = ">=0.1,<1"
    category = "connector"
    description = _(
        "Publishes image posts to an Instagram professional account through the Graph API and brings "
        "their comments into the inbox."
    )
    #: Uses the Facebook plugin's Graph client, error mapping and GRAPH_VERSION setting.
    requires = ("facebook",)
