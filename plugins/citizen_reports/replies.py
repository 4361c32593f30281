"""Replies to the citizen: drafted by the handler, approved by a subject expert, then e-mailed and shown.

One approval stage (cms.approvals): a subject expert or head of the
responsible unit; the dispatchers approve replies to reports no unit has.
Each sent reply is a timeline entry the status page shows and every reporter
of the report (duplicates included) receives.
"""

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.approvals.flow import ApprovalFlow, Stage
from cms.core.refusals import NotAllowed, Refused
from cms.notifications.service import GENERIC, notify
from cms.organisation.models import Membership
from cms.organisation.people import APPROVER_ROLES
from plugins.citizen_reports import deadlines, roles
from plugins.citizen_reports.handling import record
from plugins.citizen_reports.links import case_url
from plugins.citizen_reports.models import ReportState, UpdateKind


class ReplyApproval(ApprovalFlow):
    stages = (Stage(_("Subject expert"), roles.is_reply_approver),)

    def can_draft(self, user, report):
        return report.state != ReportState.DUPLICATE and roles.handles(user, report)

    def on_event(self, event, version, user, comment):
        from plugins.citizen_reports.models import Report

        report = Report.objects.select_related("unit").get(pk=version.object_id)
        if event == "submitted":
            people = approvers(report)
            message = gettext("The reply to report %(n)s waits for your approval.")
        elif event == "returned":
            people = [version.author] if version.author else []
            message = gettext("The reply to report %(n)s was sent back: %(c)s")
        elif event == "approved":
            people = [version.author] if version.author else []
            message = gettext("The reply to report %(n)s is approved and can be sent.")
        else:
            return
        text = message % {"n": report.number, "c": comment}
        notify(
            people,
            kind=f"citizen_reports.reply.{event}",
            template=GENERIC,
            context={"subject": text, "message": text},
            url=case_url(report),
        )


REPLY = ReplyApproval()


def approvers(report):
    if report.unit_id is None:
        return roles.dispatchers()
    units = report.unit.ancestors() + [report.unit]
    members = Membership.objects.filter(unit__in=units, role__in=APPROVER_ROLES).select_related("user")
    return [m.user for m in members]


def send(report, user):
    """E-mail the approved reply to every reporter and show it on the status page."""
    if not roles.handles(user, report):
        raise NotAllowed(gettext("Only the dispatchers and the responsible unit send replies."))
    version = REPLY.approved(report)
    if version is None:
        raise Refused(gettext("Only an approved reply can be sent."))
    with transaction.atomic():
        REPLY.mark_sent(report, user)
        update = record(report, UpdateKind.REPLY, version.body, user)
        deadlines.responded(report, update.created_at)
    return update
