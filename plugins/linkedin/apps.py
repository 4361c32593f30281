from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from cms.plugin_api.config import KomunikatPlugin


class LinkedInPlugin(KomunikatPlugin):
    name = "plugins.linkedin"
    label = "linkedin"
    verbose_name = "LinkedIn"
    version = "0.1.0"
    platform_versions = ">=0.1,<1"
    category = "connector"
    description = _(
        "Publishes posts to a LinkedIn organisation page and brings their comments into the inbox."
    )
    #: API_VERSION: the ``LinkedIn-Version`` header (YYYYMM) of every call; LinkedIn retires a
    #: version about a year after it comes out, so move it on (KOMUNIKAT_LINKEDIN_API_VERSION).
    default_settings = MappingProxyType({"API_VERSION": "202510"})
