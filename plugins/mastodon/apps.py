from django.utils.translation import gettext_lazy as _

from cms.plugin_api.config import KomunikatPlugin


class MastodonPlugin(KomunikatPlugin):
    name = "plugins.mastodon"
    label = "mastodon"
    verbose_name = "Mastodon"
    version = "0.1.0"
    platform_versions = ">=0.1,<1"
    category = "connector"
    description = _(
        "Publishes posts to a Mastodon account and brings replies and direct mentions into the inbox."
    )
