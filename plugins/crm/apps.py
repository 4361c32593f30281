from django.utils.translation import gettext_lazy as _

from cms.plugin_api.config import KomunikatPlugin, PluginState


class CrmPlugin(KomunikatPlugin):
    name = "plugins.crm"
    label = "crm"
    verbose_name = _("Journalist CRM")
    version = "0.1.0"
    platform_versions = ">=0.1,<1"
    category = "crm"
    description = _(
        "Outlets and journalists, the timeline of every exchange, follow-up tasks, "
        "distribution lists and mailing of press releases."
    )
    queues = ("default", "notifications")
    api_prefix = ""  # /api/v1/outlets/ and /api/v1/journalists/
    default_settings = {
        # Days before a task is due when its assignee is reminded.
        "TASK_REMINDER_DAYS": 1,
        # Recipients of a mailing sent per job, so one slow server cannot hold the whole list.
        "MAILING_BATCH": 50,
    }

    def ready(self):
        super().ready()
        if self.state == PluginState.ACTIVE:
            from plugins.crm import personal_data, signals  # noqa: F401 - registrations and receivers
