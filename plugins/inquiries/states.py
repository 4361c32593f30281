"""The allowed transitions of inquiries and internal requests: the one place that says which step is possible.

Answer steps (drafted, submitted, approved at a stage, sent back) are taken by
the approval flow in answer.py, which checks the approvers itself; they are not
offered as buttons.
"""

from django.utils.translation import gettext_lazy as _

from cms.core.transitions import StateMachine, Transition
from cms.organisation.scoping import is_press_office, unit_ids
from plugins.inquiries import roles
from plugins.inquiries.models import InquiryState as S
from plugins.inquiries.models import RequestKind, RequestState
from plugins.inquiries.models.inquiries import OPEN_STATES


def _coordinator(user, inquiry):
    return roles.is_coordinator(user)


def _anyone(user, obj):
    return True


def _has_coordinator(inquiry):
    return None if inquiry.coordinator_id else _("Choose the coordinator of the case first.")


def _has_units(inquiry):
    return None if inquiry.assignments.exists() else _("Assign at least one unit first.")


def _has_approved_answer(inquiry):
    from plugins.inquiries.answer import ANSWER

    return None if ANSWER.approved(inquiry) else _("Only an approved answer can be sent.")


def _has_refusal_decision(inquiry):
    if not (
        inquiry.refusal_number
        and inquiry.refusal_date
        and inquiry.attachments.filter(is_refusal_decision=True)
    ):
        return _("A refusal needs the decision: its number, date and the signed document attached.")
    return None


#: Taken by the approval flow (answer.py); never offered directly.
AUTOMATIC = {"draft", "submit", "pass_stage", "approve", "send_back"}

INQUIRY = StateMachine(
    "state",
    [
        Transition("assign", _("Assign coordinator"), (S.NEW,), S.ASSIGNED, _coordinator, _has_coordinator),
        Transition(
            "ask_units",
            _("Ask the units"),
            (S.ASSIGNED, S.ANSWER_DRAFTED),
            S.WAITING_FOR_UNIT,
            _coordinator,
            _has_units,
        ),
        Transition(
            "draft",
            _("Draft the answer"),
            (S.ASSIGNED, S.WAITING_FOR_UNIT, S.ANSWER_DRAFTED),
            S.ANSWER_DRAFTED,
            _anyone,
        ),
        Transition("submit", _("Submit for approval"), (S.ANSWER_DRAFTED,), S.IN_APPROVAL_1, _anyone),
        Transition("pass_stage", _("Approve (stage 1)"), (S.IN_APPROVAL_1,), S.IN_APPROVAL_2, _anyone),
        Transition("approve", _("Approve (stage 2)"), (S.IN_APPROVAL_2,), S.APPROVED, _anyone),
        Transition(
            "send_back", _("Send back"), (S.IN_APPROVAL_1, S.IN_APPROVAL_2), S.ANSWER_DRAFTED, _anyone
        ),
        Transition("send", _("Send the answer"), (S.APPROVED,), S.SENT, _coordinator, _has_approved_answer),
        Transition("close", _("Close"), (S.SENT,), S.CLOSED, _coordinator),
        Transition(
            "refuse",
            _("Close with a refusal decision"),
            OPEN_STATES,
            S.CLOSED,
            _coordinator,
            _has_refusal_decision,
        ),
        Transition("withdraw", _("Withdrawn by the journalist"), OPEN_STATES, S.WITHDRAWN, _coordinator),
        Transition(
            "reopen", _("Reopen"), (S.CLOSED, S.WITHDRAWN, S.SENT), S.ASSIGNED, _coordinator, _has_coordinator
        ),
    ],
)


def _request_handler(user, request):
    """The assignee, the press office, or (for information) a member of an addressed unit."""
    if is_press_office(user) or request.assignee_id == user.pk:
        return True
    return (
        request.kind == RequestKind.INFORMATION and request.targets.filter(unit__in=unit_ids(user)).exists()
    )


def _press_office(user, request):
    return is_press_office(user)


def _all_acknowledged(request):
    if (
        request.kind == RequestKind.INFORMATION
        and request.targets.filter(acknowledged_at__isnull=True).exists()
    ):
        return _("Every unit has to acknowledge the information first.")
    if request.kind == RequestKind.CORRECTION and not request.correction_revision_id:
        return _("Link the page revision that publishes the correction first.")
    return None


def _is_publication(request):
    return (
        None if request.kind == RequestKind.PUBLICATION else _("Only a publication request becomes a draft.")
    )


R = RequestState
REQUEST = StateMachine(
    "state",
    [
        Transition("start", _("Start work"), (R.NEW,), R.IN_PROGRESS, _request_handler),
        Transition(
            "accept",
            _("Accept and create a draft"),
            (R.NEW, R.IN_PROGRESS),
            R.ACCEPTED,
            _press_office,
            _is_publication,
        ),
        Transition(
            "complete",
            _("Mark done"),
            (R.NEW, R.IN_PROGRESS, R.ACCEPTED),
            R.DONE,
            _request_handler,
            _all_acknowledged,
        ),
        Transition("reject", _("Reject"), (R.NEW, R.IN_PROGRESS), R.REJECTED, _press_office),
        Transition("reopen", _("Reopen"), (R.DONE, R.REJECTED), R.IN_PROGRESS, _press_office),
    ],
)
