from django.utils.translation import gettext_lazy as _

from cms.plugin_api.config import KomunikatPlugin, PluginState


class InquiriesPlugin(KomunikatPlugin):
    name = "plugins.inquiries"
    label = "inquiries"
    verbose_name = _("Inquiry desk")
    version = "0.1.0"
    platform_versions = ">=0.1,<1"
    category = "desk"
    description = _(
        "Media inquiries and internal requests: assignment to units, threads, two-stage approval of "
        "answers, deadlines in working time and the press office mailbox."
    )
    requires = ("crm",)
    queues = ("default", "notifications")
    api_prefix = ""  # /api/v1/inquiries/ and /api/v1/internal-requests/
    default_settings = {
        # Largest attachment accepted, in megabytes (messages, uploads, e-mail).
        "ATTACHMENT_MAX_MB": 25,
        # The press office mailbox, polled over IMAP; no host switches polling off.
        "IMAP_HOST": "",
        "IMAP_PORT": 993,
        "IMAP_SSL": True,
        "IMAP_USER": "",
        "IMAP_PASSWORD": "",
        "IMAP_MAILBOX": "INBOX",
        # Where answers come from and journalists reply to.
        "PRESS_OFFICE_EMAIL": "biuro.prasowe@um.wierzbin.pl",
        # Working hours before a deadline when the people responsible are reminded.
        "REMIND_BEFORE_HOURS": 4,
    }

    def ready(self):
        super().ready()
        if self.state == PluginState.ACTIVE:
            from plugins.inquiries import deadlines, timeline  # noqa: F401 - registrations and receivers
