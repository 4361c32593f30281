"""The citizen reports' own entries in Wagtail's log (steps and approvals are logged by the core)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

#: A list of reports was downloaded (logged on the Report content type, with the format and filters).
EXPORT = "komunikat.citizen_report.export"


class Export(LogFormatter):
    label = _("Export of citizen reports")

    def format_message(self, entry):
        data = entry.data
        message = gettext("%(rows)s reports exported as %(format)s") % {
            "rows": data.get("rows", "?"),
            "format": str(data.get("format", "")).upper(),
        }
        if data.get("filters"):
            message += " (" + data["filters"] + ")"
        return message


FORMATTERS = {EXPORT: Export}
