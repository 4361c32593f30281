"""The inquiry desk's deadlines on the core SLA clock (cms.sla).

Each inquiry has an answer deadline: its response policy's time, never later
than the statutory one. A journalist's question to the city is a request for
public information (Prawo prasowe art. 3a with the act on access to public
information, art. 13): answered without undue delay and at the latest within
14 days; when that is impossible the journalist is told the reasons and a new
date, at most two months from the request (``extend``). The journalist's own
deadline and each unit's internal deadline are tracked too, and the core sweep
reminds before and escalates after every one of them.
"""

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.core.refusals import Invalid
from cms.notifications.service import notify
from cms.organisation.models import MembershipRole
from cms.organisation.people import unit_contacts
from cms.plugin_api.migrations import MODERATORS
from cms.sla import deadlines
from cms.sla.clock import DurationUnit, due_at
from cms.sla.registry import DeadlineHandler, register
from plugins.inquiries.links import case_url
from plugins.inquiries.models import Inquiry, ResponsePolicy

STATUTORY_DAYS = 14
EXTENSION_LIMIT = relativedelta(months=2)
ANSWER, MEDIA = "answer", "media"


def _remind_hours():
    return apps.get_app_config("inquiries").get_setting("REMIND_BEFORE_HOURS")


def statutory_due(received_at):
    return due_at(received_at, STATUTORY_DAYS, DurationUnit.CALENDAR_DAYS)


def extension_limit(received_at):
    return received_at + EXTENSION_LIMIT


def check_dates(received_at, media_deadline):
    if received_at and received_at > timezone.now() + relativedelta(minutes=5):
        raise Invalid(gettext("The received time cannot be in the future."))
    if media_deadline and received_at and media_deadline <= received_at:
        raise Invalid(gettext("The journalist's deadline must be after the time the inquiry was received."))


def plan(inquiry):
    """Set the policy, the statutory and answer deadlines of ``inquiry`` (saved) and their tracking rows."""
    policies = ResponsePolicy.objects.for_case(inquiry.kind_id, inquiry.priority)
    inquiry.policy = policies[0] if policies else None
    inquiry.statutory_due_at = statutory_due(inquiry.received_at)
    statutory = inquiry.statutory_due_at
    answer_due = inquiry.policy.due_from(inquiry.received_at) if inquiry.policy else statutory
    # The journalist was told the new date of an extended case: it replaces the policy's time.
    inquiry.due_at = inquiry.extended_due_at or min(answer_due, statutory)
    inquiry.save(update_fields=["policy", "statutory_due_at", "due_at"])
    remind = inquiry.policy.remind_before_hours if inquiry.policy else _remind_hours()
    deadlines.set_deadline(inquiry, ANSWER, inquiry.due_at, label=_("Answer"), remind_before_hours=remind)
    if inquiry.media_deadline:
        deadlines.set_deadline(
            inquiry,
            MEDIA,
            inquiry.media_deadline,
            label=_("Journalist's deadline"),
            remind_before_hours=remind,
        )
    else:
        deadlines.drop(inquiry, MEDIA)


def plan_assignment(assignment):
    inquiry = assignment.inquiry
    if assignment.due_at <= inquiry.received_at:
        raise Invalid(gettext("The internal deadline must be after the time the inquiry was received."))
    label = gettext("%(unit)s: internal deadline") % {"unit": assignment.unit.code}
    if assignment.contributed_at:
        deadlines.meet(inquiry, assignment.deadline_key, at=assignment.contributed_at)
        return
    deadlines.set_deadline(
        inquiry,
        assignment.deadline_key,
        assignment.due_at,
        label=label,
        remind_before_hours=_remind_hours(),
        unit=assignment.unit,
    )


def extend(inquiry, new_due, reason):
    """Validate and apply a new statutory date (the notice to the journalist is sent by the caller)."""
    if not reason.strip():
        raise Invalid(gettext("Give the journalist the reasons for the delay."))
    current = inquiry.extended_due_at or inquiry.statutory_due_at or statutory_due(inquiry.received_at)
    if new_due <= current:
        raise Invalid(gettext("The new date must be later than the current deadline."))
    if new_due > extension_limit(inquiry.received_at):
        raise Invalid(gettext("The law allows at most two months from the request."))
    inquiry.extended_due_at, inquiry.extension_reason = new_due, reason
    inquiry.save(update_fields=["extended_due_at", "extension_reason"])
    plan(inquiry)


def answered(inquiry, at=None):
    deadlines.meet(inquiry, at=at)


@register(Inquiry)
class InquiryDeadlines(DeadlineHandler):
    """Reminders go to the people working on the part; escalations also to the coordinator and the head."""

    def queryset(self):
        return Inquiry.objects.select_related("coordinator")

    def remind(self, deadline, inquiry):
        self._tell(deadline, inquiry, "reminder", self._workers(deadline, inquiry))

    def escalate(self, deadline, inquiry):
        people = self._workers(deadline, inquiry)
        people += list(get_user_model().objects.filter(groups__name=MODERATORS, is_active=True))
        if deadline.unit_id:
            people += [m.user for m in deadline.unit.memberships.filter(role=MembershipRole.UNIT_HEAD)]
        self._tell(deadline, inquiry, "overdue", people)

    def _workers(self, deadline, inquiry):
        people = [inquiry.coordinator] if inquiry.coordinator else []
        if deadline.unit_id:
            assignment = inquiry.assignments.filter(unit_id=deadline.unit_id).first()
            if assignment is not None:
                experts = list(assignment.experts.all())
                people += experts or unit_contacts(assignment.unit)
        return people

    def _tell(self, deadline, inquiry, step, people):
        notify(
            people,
            kind=f"inquiries.deadline.{step}",
            template="notifications/email/inquiry_deadline",
            context={"inquiry": inquiry, "deadline": deadline, "step": step},
            url=case_url(inquiry),
        )
