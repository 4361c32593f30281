"""Citizen reports' deadlines on the core SLA clock (cms.sla): first response and resolution per category.

The first response is the first word to the citizen beyond the automatic
acknowledgement: a public update, a sent reply, or the resolution or rejection.
The resolution deadline is the "expected date" the status page and Open311 show.
"""

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.notifications.service import notify
from cms.organisation.people import unit_contacts, unit_heads
from cms.sla import deadlines
from cms.sla.clock import DurationUnit, due_at
from cms.sla.registry import DeadlineHandler, register
from plugins.citizen_reports import roles
from plugins.citizen_reports.links import case_url
from plugins.citizen_reports.models import Report, ReportPolicy, Target

FIRST_RESPONSE, RESOLUTION = Target.FIRST_RESPONSE.value, Target.RESOLUTION.value
#: Used when neither the category nor the default has an active policy.
FALLBACK = {FIRST_RESPONSE: (2, DurationUnit.WORKING_DAYS), RESOLUTION: (14, DurationUnit.WORKING_DAYS)}
LABELS = {FIRST_RESPONSE: _("First response"), RESOLUTION: _("Resolution")}


def _remind_hours(policy):
    if policy is not None:
        return policy.remind_before_hours
    return apps.get_app_config("citizen_reports").get_setting("REMIND_BEFORE_HOURS")


def _due(category, target, start):
    policy = ReportPolicy.objects.for_report(category, target)
    amount, unit = (policy.amount, policy.unit) if policy else FALLBACK[target]
    return due_at(start, amount, unit), _remind_hours(policy)


def plan(report):
    """Set both deadlines of a new report from its received time (saved on the report too)."""
    first, first_remind = _due(report.category, FIRST_RESPONSE, report.received_at)
    resolution, remind = _due(report.category, RESOLUTION, report.received_at)
    report.first_response_due_at, report.due_at = first, resolution
    report.save(update_fields=["first_response_due_at", "due_at"])
    if report.first_response_at is None:
        _set(report, FIRST_RESPONSE, first, first_remind)
    _set(report, RESOLUTION, resolution, remind)


def _set(report, key, when, remind):
    deadlines.set_deadline(report, key, when, label=LABELS[key], remind_before_hours=remind, unit=report.unit)


def rerouted(report):
    """The open deadlines follow the report to its new unit (the dispatcher queue when None)."""
    for deadline in deadlines.deadlines_of(report):
        if deadline.met_at is None and deadline.unit_id != report.unit_id:
            deadline.unit = report.unit
            deadline.save(update_fields=["unit"])


def responded(report, at=None):
    """The citizen heard from the city: the first response deadline is met (once)."""
    at = at or timezone.now()
    if report.first_response_at is None:
        Report.objects.filter(pk=report.pk).update(first_response_at=at)
        report.first_response_at = at
    deadlines.meet(report, FIRST_RESPONSE, at=at)


def closed(report, at=None):
    """Resolved, rejected or merged: nothing is due any more."""
    responded(report, at)
    deadlines.meet(report, at=at)


def reopened(report, at=None):
    """A reopened report gets a new resolution deadline from now."""
    at = at or timezone.now()
    resolution, remind = _due(report.category, RESOLUTION, at)
    Report.objects.filter(pk=report.pk).update(due_at=resolution)
    report.due_at = resolution
    _set(report, RESOLUTION, resolution, remind)


@register(Report)
class ReportDeadlines(DeadlineHandler):
    """Reminders go to the handler (or the unit's contacts, or the dispatchers); escalations also up."""

    def queryset(self):
        return Report.objects.select_related("category", "unit", "handler")

    def remind(self, deadline, report):
        self._tell(deadline, report, "reminder", self._workers(report))

    def escalate(self, deadline, report):
        people = self._workers(report) + roles.dispatchers()
        if report.unit_id:
            people += unit_heads(report.unit)
        self._tell(deadline, report, "overdue", people)

    def _workers(self, report):
        if report.handler_id:
            return [report.handler]
        if report.unit_id:
            return unit_contacts(report.unit)
        return roles.dispatchers()

    def _tell(self, deadline, report, step, people):
        notify(
            people,
            kind=f"citizen_reports.deadline.{step}",
            template="notifications/email/citizen_report_deadline",
            context={"report": report, "deadline": deadline, "step": step},
            url=case_url(report),
        )
