"""The answer to an inquiry: drafted, approved in two stages (cms.approvals), sent by e-mail.

Stage 1 is the unit's approval (a unit head or subject expert of an assigned
unit), stage 2 the press office head's. The inquiry's state follows each step.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.approvals.flow import ApprovalFlow, Stage
from cms.core.refusals import Invalid, Refused
from cms.jobs import enqueue
from cms.notifications.service import GENERIC, notify
from cms.organisation.models import Membership
from cms.organisation.people import APPROVER_ROLES
from plugins.inquiries import deadlines, roles
from plugins.inquiries.cases import mail_to_journalist
from plugins.inquiries.links import case_url
from plugins.inquiries.models import Direction, Inquiry, InquiryState, Message, Visibility
from plugins.inquiries.states import INQUIRY

DRAFTABLE = (InquiryState.ASSIGNED, InquiryState.WAITING_FOR_UNIT, InquiryState.ANSWER_DRAFTED)
STATE_STEP = {
    "drafted": "draft",
    "submitted": "submit",
    "passed": "pass_stage",
    "approved": "approve",
    "returned": "send_back",
}


class AnswerApproval(ApprovalFlow):
    stages = (
        Stage(_("Unit approval"), roles.is_unit_approver),
        Stage(_("Press office head"), lambda user, inquiry: roles.is_head(user)),
    )

    def can_draft(self, user, inquiry):
        return inquiry.state in DRAFTABLE and roles.works_on(user, inquiry)

    def on_event(self, event, version, user, comment):
        inquiry = Inquiry.objects.get(pk=version.object_id)
        step = STATE_STEP.get(event)
        if step and not (step == "draft" and inquiry.state == InquiryState.ANSWER_DRAFTED):
            INQUIRY.apply(inquiry, step, user, comment=comment, log_data={"version": version.number})
        _tell_next(event, inquiry, version, comment)


ANSWER = AnswerApproval()


def save_draft(inquiry, body, user, *, narratives=(), confirm_unverified=False):
    """A new version of the answer and the narratives it quotes; doubtful ones need ``confirm_unverified``."""
    if inquiry.state not in DRAFTABLE:
        raise Refused(
            gettext("An answer can be drafted once the case has a coordinator and until it is approved.")
        )
    narratives = list(narratives)
    doubtful = [n for n in narratives if n.status != "active"]
    if doubtful and not confirm_unverified:
        names = ", ".join(f"„{n.title}” ({n.get_status_display()})" for n in doubtful)
        raise Invalid(
            gettext("The answer quotes narratives that are not active: %(names)s. Confirm that you mean it.")
            % {"names": names}
        )
    with transaction.atomic():
        version = ANSWER.save_draft(inquiry, body, user)
        inquiry.quoted_narratives.set(narratives)
    return version


def send_answer(inquiry, user):
    """E-mail the approved answer to the journalist from the press office address, and record it."""
    INQUIRY.check(inquiry, "send", user)
    version = ANSWER.approved(inquiry)
    message = Message(
        inquiry=inquiry,
        visibility=Visibility.EXTERNAL,
        direction=Direction.OUTGOING,
        author=user,
        subject=f"Re: {inquiry.subject} [{inquiry.number}]",
        body=version.body,
    )
    now = timezone.now()
    with transaction.atomic():
        INQUIRY.apply(
            inquiry, "send", user, changes={"answered_at": now}, log_data={"version": version.number}
        )
        ANSWER.mark_sent(inquiry, user)
        deadlines.answered(inquiry, at=now)
        mail_to_journalist(inquiry, message)
        enqueue(record_narrative_uses, inquiry.pk, user.pk)
    return inquiry


def record_narrative_uses(inquiry_id, user_id):
    """Job: the sent answer's narratives (chosen, linked or quoted) show this use."""
    from cms.narratives.usage import record_uses

    inquiry = Inquiry.objects.get(pk=inquiry_id)
    sent = ANSWER.versions(inquiry).filter(state="sent").first()
    if sent is None:
        return
    record_uses(
        inquiry,
        text=sent.body,
        user=get_user_model().objects.filter(pk=user_id).first(),
        title=str(inquiry),
        url=case_url(inquiry),
        narratives=inquiry.quoted_narratives.all(),
    )


def _tell_next(event, inquiry, version, comment):
    if event == "submitted":
        units = roles.assigned_unit_ids(inquiry)
        people = (
            [m.user for m in Membership.objects.filter(unit__in=units, role__in=APPROVER_ROLES)]
            if units
            else roles.holders("coordinate_inquiry")
        )
        message = gettext("The answer to %(case)s waits for your approval (stage 1).")
    elif event == "passed":
        people = roles.holders("approve_answer")
        message = gettext("The answer to %(case)s waits for your approval (stage 2).")
    elif event == "returned":
        people = [version.author] if version.author else []
        message = gettext("The answer to %(case)s was sent back: %(comment)s")
    elif event == "approved":
        people = [inquiry.coordinator] if inquiry.coordinator else []
        message = gettext("The answer to %(case)s is approved and can be sent.")
    else:
        return
    text = message % {"case": inquiry, "comment": comment}
    notify(
        people,
        kind=f"inquiries.answer.{event}",
        template=GENERIC,
        context={"subject": text, "message": text},
        url=case_url(inquiry),
    )
