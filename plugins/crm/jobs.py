"""The CRM's background and scheduled jobs live next to their code; importing them declares them."""

from plugins.crm import mailing, reminders  # noqa: F401
