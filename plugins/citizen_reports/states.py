"""The allowed steps of a citizen report: the one place that says which step is possible, and for whom.

The functions in handling.py take these steps; they add what each step
records (the reason, the public text, the new unit) and whom it tells.
"""

from django.utils.translation import gettext_lazy as _

from cms.core.transitions import StateMachine, Transition
from plugins.citizen_reports import roles
from plugins.citizen_reports.models import OPEN_STATES
from plugins.citizen_reports.models import ReportState as S


def _dispatcher(user, report):
    return roles.is_dispatcher(user)


def _handler(user, report):
    return roles.handles(user, report)


def _citizen(user, report):
    """Steps the citizen takes on the status page (no account); the link's secret is the check."""
    return True


def _has_unit(report):
    return None if report.unit_id else _("Route the report to a unit first.")


REPORT = StateMachine(
    "state",
    [
        Transition("verify", _("Verify"), (S.RECEIVED,), S.VERIFIED, _dispatcher),
        Transition("route", _("Route to a unit"), (S.RECEIVED, S.VERIFIED), S.ASSIGNED, _dispatcher),
        Transition("reassign", _("Reassign"), (S.ASSIGNED, S.IN_PROGRESS), S.ASSIGNED, _dispatcher),
        Transition(
            "hand_back", _("Return to the dispatcher"), (S.ASSIGNED, S.IN_PROGRESS), S.VERIFIED, _handler
        ),
        Transition("start", _("Start work"), (S.ASSIGNED,), S.IN_PROGRESS, _handler, _has_unit),
        Transition("resolve", _("Resolve"), (S.ASSIGNED, S.IN_PROGRESS), S.RESOLVED, _handler, _has_unit),
        Transition("reject", _("Reject"), OPEN_STATES, S.REJECTED, _handler),
        Transition("merge", _("Mark as a duplicate"), OPEN_STATES, S.DUPLICATE, _dispatcher),
        Transition("reopen", _("Reopen"), (S.RESOLVED,), S.IN_PROGRESS, _handler, _has_unit),
        Transition(
            "citizen_reopen", _("Reopened by the citizen"), (S.RESOLVED,), S.IN_PROGRESS, _citizen, _has_unit
        ),
        Transition("restore", _("Restore"), (S.REJECTED, S.DUPLICATE), S.VERIFIED, _dispatcher),
    ],
)
