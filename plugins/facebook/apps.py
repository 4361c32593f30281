from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from cms.plugin_api.config import KomunikatPlugin


class FacebookPlugin(KomunikatPlugin):
    name = "plugins.facebook"
    label = "facebook"
    verbose_name = "Facebook"
    version = "0.1.0"
    platform_versions = ">=0.1,<1"
    category = "connector"
    description = _(
        "Publishes posts to a Facebook Page and brings its comments and Messenger conversations "
        "into the inbox."
    )
    #: GRAPH_VERSION: the Graph API version in every request path (also used by the Instagram plugin).
    default_settings = MappingProxyType({"GRAPH_VERSION": "v24.0"})
