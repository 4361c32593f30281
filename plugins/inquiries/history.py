"""The desk's own entries in Wagtail's log (transitions and approvals are logged by the core)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

ASSIGN_UNIT = "komunikat.inquiry.assign_unit"
REMOVE_UNIT = "komunikat.inquiry.remove_unit"
CONTRIBUTE = "komunikat.inquiry.contribute"
EXTEND = "komunikat.inquiry.extend"
ACKNOWLEDGE = "komunikat.request.acknowledge"


class AssignUnit(LogFormatter):
    label = _("Assign a unit")

    def format_message(self, entry):
        return gettext("Unit %(unit)s asked for its part") % {"unit": entry.data.get("unit", "?")}


class RemoveUnit(LogFormatter):
    label = _("Remove a unit")

    def format_message(self, entry):
        return gettext("Unit %(unit)s taken off the case") % {"unit": entry.data.get("unit", "?")}


class Contribute(LogFormatter):
    label = _("Unit's answer")

    def format_message(self, entry):
        return gettext("Unit %(unit)s answered its part") % {"unit": entry.data.get("unit", "?")}


class Extend(LogFormatter):
    label = _("Extend the deadline")

    def format_message(self, entry):
        return gettext("Deadline extended: %(reason)s") % {"reason": entry.data.get("reason", "")}


class Acknowledge(LogFormatter):
    label = _("Acknowledge")

    def format_message(self, entry):
        return gettext("Acknowledged for %(units)s") % {"units": ", ".join(entry.data.get("units", []))}


FORMATTERS = {
    ASSIGN_UNIT: AssignUnit,
    REMOVE_UNIT: RemoveUnit,
    CONTRIBUTE: Contribute,
    EXTEND: Extend,
    ACKNOWLEDGE: Acknowledge,
}
