"""The desk's own entries in Wagtail's log (transitions and approvals are logged by the core)."""

from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

ASSIGN_UNIT = "komunikat.inquiry.assign_unit"
REMOVE_UNIT = "komunikat.inquiry.remove_unit"
CONTRIBUTE = "komunikat.inquiry.contribute"
EXTEND = "komunikat.inquiry.extend"
ACKNOWLEDGE = "komunikat.request.acknowledge"
REASSIGN = "komunikat.request.reassign"
DRAFT = "komunikat.request.draft"
CORRECTION = "komunikat.request.correction"
#: In a page's history: the page was drafted from a request, or one of its revisions corrects one.
PAGE_DRAFTED = "komunikat.page.drafted_from_request"
PAGE_CORRECTS = "komunikat.page.corrects_request"


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


class Reassign(LogFormatter):
    label = _("Assign the request")

    def format_message(self, entry):
        due = parse_datetime(entry.data.get("due_at") or "")
        return gettext("Assignee: %(assignee)s; due: %(due)s") % {
            "assignee": entry.data.get("assignee") or "—",
            "due": date_format(localtime(due), "DATETIME_FORMAT") if due else "—",
        }


class Draft(LogFormatter):
    label = _("Create a draft page")

    def format_message(self, entry):
        return gettext("Draft %(type)s “%(title)s” created") % {
            "type": entry.data.get("type", ""),
            "title": entry.data.get("title", "?"),
        }


class Correction(LogFormatter):
    label = _("Link the correcting revision")

    def format_message(self, entry):
        return gettext("Correcting revision linked: “%(title)s”, revision %(revision)s") % {
            "title": entry.data.get("title", "?"),
            "revision": entry.data.get("revision", "?"),
        }


class PageDrafted(LogFormatter):
    label = _("Drafted from an internal request")

    def format_message(self, entry):
        return gettext("Drafted from internal request %(number)s") % {"number": entry.data.get("number", "?")}


class PageCorrects(LogFormatter):
    label = _("Corrects an internal request")

    def format_message(self, entry):
        return gettext("This revision publishes the correction asked in internal request %(number)s") % {
            "number": entry.data.get("number", "?")
        }


FORMATTERS = {
    ASSIGN_UNIT: AssignUnit,
    REMOVE_UNIT: RemoveUnit,
    CONTRIBUTE: Contribute,
    EXTEND: Extend,
    ACKNOWLEDGE: Acknowledge,
    REASSIGN: Reassign,
    DRAFT: Draft,
    CORRECTION: Correction,
    PAGE_DRAFTED: PageDrafted,
    PAGE_CORRECTS: PageCorrects,
}
