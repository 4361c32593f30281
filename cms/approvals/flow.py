"""The approval of a text in stages: draft, submit, approve or send back at each stage, send.

A plugin describes who decides at each stage and reacts to what happens::

    class AnswerApproval(ApprovalFlow):
        stages = (
            Stage(_("Unit approval"), lambda user, inquiry: is_unit_approver(user, inquiry)),
            Stage(_("Press office head"), lambda user, inquiry: is_press_office_head(user)),
        )

        def can_draft(self, user, inquiry): ...
        def on_event(self, event, version, user, comment): ...  # e.g. move the case's state

    ANSWER = AnswerApproval()
    ANSWER.save_draft(inquiry, "Treść odpowiedzi", user)
    ANSWER.submit(inquiry, user)
    ANSWER.decide(inquiry, head, approve=True)

Every saved draft is a new version; a version in approval cannot be changed
until it is sent back; only the approved latest version can be sent; nobody
approves their own text. Each refusal raises cms.core.refusals and changes
nothing; each step is written into Wagtail's log of the subject.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

from cms.approvals.models import Decision, TextVersion, VersionState
from cms.core.refusals import Invalid, NotAllowed, Refused

#: The log action of every approval step, written on the subject.
APPROVAL = "komunikat.approval"


@dataclass(frozen=True)
class Stage:
    label: str
    #: ``can_decide(user, subject)``: may this person approve or send back at this stage?
    can_decide: Callable


class ApprovalFlow:
    stages = ()

    # --- what the plugin says -------------------------------------------------
    def can_draft(self, user, subject):
        return True

    def on_event(self, event, version, user, comment):
        """Called in the transaction after ``event``: drafted, submitted, passed, approved, returned, sent."""

    # --- reading ------------------------------------------------------------------
    def versions(self, subject):
        return TextVersion.objects.of(subject).select_related("author").order_by("-number")

    def latest(self, subject):
        return self.versions(subject).first()

    def approved(self, subject):
        """The latest version if it is approved and not yet sent, else None."""
        latest = self.latest(subject)
        return latest if latest is not None and latest.state == VersionState.APPROVED else None

    def may_decide(self, user, subject, version):
        """Whether ``user`` may approve or send back ``version`` now (for buttons and to-do lists)."""
        return (
            version is not None
            and version.state == VersionState.IN_APPROVAL
            and version.author_id != user.pk
            and self.stages[version.stage - 1].can_decide(user, subject)
        )

    def stage_label(self, version):
        return self.stages[version.stage - 1].label if 0 < version.stage <= len(self.stages) else ""

    # --- steps ----------------------------------------------------------------------
    def save_draft(self, subject, body, user):
        """A new version of the text; an earlier draft or approved version is superseded."""
        if not body.strip():
            raise Invalid(gettext("The text is empty."))
        if not self.can_draft(user, subject):
            raise NotAllowed(gettext("Your role does not allow drafting this text."))
        with transaction.atomic():
            latest = self._lock_latest(subject)
            if latest is not None and latest.state == VersionState.IN_APPROVAL:
                raise Refused(gettext("The text is in approval; it can be changed once it is sent back."))
            if latest is not None and latest.state in (VersionState.DRAFT, VersionState.APPROVED):
                latest.state = VersionState.SUPERSEDED
                latest.save(update_fields=["state"])
            number = (TextVersion.objects.of(subject).aggregate(n=Max("number"))["n"] or 0) + 1
            version = TextVersion.objects.create(subject=subject, number=number, body=body, author=user)
            self._record("drafted", version, user)
        return version

    def submit(self, subject, user):
        """Send the latest draft to the first stage."""
        with transaction.atomic():
            version = self._lock_latest(subject)
            if version is None or version.state != VersionState.DRAFT:
                raise Refused(gettext("There is no new draft to submit; save a draft first."))
            if not self.can_draft(user, subject):
                raise NotAllowed(gettext("Your role does not allow submitting this text."))
            version.state, version.stage = VersionState.IN_APPROVAL, 1
            version.save(update_fields=["state", "stage"])
            self._record("submitted", version, user)
        return version

    def decide(self, subject, user, *, approve, comment=""):
        """Approve the version at its stage (the last stage approves it) or send it back with a comment."""
        with transaction.atomic():
            version = self._lock_latest(subject)
            if version is None or version.state != VersionState.IN_APPROVAL:
                raise Refused(gettext("No version of this text is waiting for approval."))
            if version.author_id == user.pk:
                raise NotAllowed(gettext("Nobody approves their own text; another person has to decide."))
            stage = self.stages[version.stage - 1]
            if not stage.can_decide(user, subject):
                raise NotAllowed(
                    gettext("Only the approver of the stage “%(stage)s” can decide now.")
                    % {"stage": stage.label}
                )
            if not approve and not comment.strip():
                raise Invalid(gettext("Say what has to change when sending a text back."))
            Decision.objects.create(
                version=version, stage=version.stage, approved=approve, comment=comment, user=user
            )
            if not approve:
                version.state, event = VersionState.RETURNED, "returned"
            elif version.stage < len(self.stages):
                version.stage, event = version.stage + 1, "passed"
            else:
                version.state, event = VersionState.APPROVED, "approved"
            version.save(update_fields=["state", "stage"])
            self._record(event, version, user, comment)
        return version

    def mark_sent(self, subject, user):
        """Record that the approved version went out; anything else is refused."""
        with transaction.atomic():
            version = self._lock_latest(subject)
            if version is None or version.state != VersionState.APPROVED:
                raise Refused(gettext("Only an approved text can be sent."))
            version.state, version.sent_at = VersionState.SENT, timezone.now()
            version.save(update_fields=["state", "sent_at"])
            self._record("sent", version, user)
        return version

    # --- internals ---------------------------------------------------------------
    def _lock_latest(self, subject):
        return TextVersion.objects.of(subject).select_for_update().order_by("-number").first()

    def _record(self, event, version, user, comment=""):
        log(
            instance=version.subject,
            action=APPROVAL,
            user=user,
            data={
                "event": event,
                "version": version.number,
                "stage": version.stage,
                "stage_label": str(self.stage_label(version)),
                "comment": comment,
            },
        )
        self.on_event(event, version, user, comment)


class ApprovalFormatter(LogFormatter):
    label = _("Approval of a text")

    MESSAGES = {
        "drafted": _("Version %(version)s drafted"),
        "submitted": _("Version %(version)s submitted for approval"),
        "passed": _("Version %(version)s approved at a stage, now at “%(stage)s”"),
        "approved": _("Version %(version)s approved"),
        "returned": _("Version %(version)s sent back at “%(stage)s”"),
        "sent": _("Version %(version)s sent"),
    }

    def format_message(self, log_entry):
        data = log_entry.data
        template = self.MESSAGES.get(data.get("event"), _("Version %(version)s: %(event)s"))
        message = str(template) % {
            "version": data.get("version"),
            "stage": data.get("stage_label", ""),
            "event": data.get("event", ""),
        }
        if data.get("comment"):
            message += f" ({data['comment']})"
        return message
