from django.utils.translation import gettext_lazy as _

from cms.plugin_api.config import KomunikatPlugin, PluginState


class CitizenReportsPlugin(KomunikatPlugin):
    name = "plugins.citizen_reports"
    label = "citizen_reports"
    verbose_name = _("Citizen reports")
    version = "0.1.0"
    platform_versions = ">=0.1,<1"
    category = "reports"
    description = _(
        "Citizens report problems on a public page or through Open311; reports are routed to units, "
        "handled against deadlines in working time and answered after approval."
    )
    queues = ("default", "notifications")
    # Public routes (urls.py): the Open311 GeoReport v2 API at /open311/v2/.
    url_prefix = "open311"
    default_settings = {
        # The address the acknowledgements and replies to citizens come from.
        "CITIZEN_EMAIL_FROM": "zgloszenia@um.wierzbin.pl",
        # Largest photo accepted, in megabytes, and how many photos one submission may carry.
        "PHOTO_MAX_MB": 10,
        "PHOTO_MAX_COUNT": 5,
        # Anti-abuse on the public page: the least seconds between showing the form and
        # submitting it, and rate limits (django-ratelimit syntax) per IP address and per e-mail.
        "MIN_FILL_SECONDS": 4,
        "RATE_PER_IP": "10/h",
        "RATE_PER_EMAIL": "5/h",
        # The map on the public form (progressive enhancement): tile address template ("" for no map),
        # its attribution (shown on the map) and the starting view "latitude,longitude,zoom".
        "MAP_TILE_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "MAP_ATTRIBUTION": "© OpenStreetMap contributors",
        "MAP_CENTER": "52.11,21.01,13",
        # Duplicate suggestions: same category, within this many metres, received this many days back.
        "DUPLICATE_RADIUS_M": 150,
        "DUPLICATE_DAYS": 14,
        # Days after resolution during which the citizen may reopen the report.
        "REOPEN_DAYS": 14,
        # Working hours before a deadline when the handlers are reminded.
        "REMIND_BEFORE_HOURS": 4,
    }

    def ready(self):
        super().ready()
        if self.state == PluginState.ACTIVE:
            from plugins.citizen_reports import deadlines, personal_data  # noqa: F401 - registrations
