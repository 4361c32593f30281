"""The approval step used by the two-stage workflow of pages and snippets."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

from cms.workflow.external_review.models import ExternalReview  # noqa: F401  (a model of this app)

#: The workflow every press release, social post and narrative goes through.
TWO_STAGE_WORKFLOW = "Dwuetapowa akceptacja"


class ApprovalTask(AbstractGroupApprovalTask):
    """A group approval with a due time and a named deputy for escalation."""

    due_working_hours = models.PositiveSmallIntegerField(
        _("due in (working hours)"),
        default=8,
        help_text=_("How long the approvers have, counted in working hours, before the task is escalated."),
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deputy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Told together with the press office head when the task is overdue."),
    )

    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "due_working_hours", "deputy"]

    class Meta:
        verbose_name = _("approval step with a due time")
        verbose_name_plural = _("approval steps with a due time")

    def start(self, workflow_state, user=None):
        """Start this step, or an earlier one that has not approved the current revision.

        Wagtail resumes a rejected workflow at the rejecting step, and after an edit
        moves on from the current step; here every step approves the same, latest
        revision in order, so a resubmission or an edit goes back to the first step
        whose approval no longer holds.
        """
        for earlier in self._earlier_steps(workflow_state.workflow):
            if not self._approved_latest(workflow_state, earlier):
                return earlier.specific.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)

    def _earlier_steps(self, workflow):
        steps = list(workflow.workflow_tasks.filter(task__active=True).order_by("sort_order"))
        positions = [step.task_id for step in steps]
        if self.pk not in positions:
            return []
        return [step.task for step in steps[: positions.index(self.pk)]]

    @staticmethod
    def _approved_latest(workflow_state, task):
        latest = workflow_state.content_object.get_latest_revision()
        return workflow_state.task_states.filter(
            task=task, status=TaskState.STATUS_APPROVED, revision=latest
        ).exists()

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve or reject; overdue steps are escalated.")

    def on_action(self, task_state, user, action_name, **kwargs):
        """Approving checks again what the content must meet to go out (a post's channel limits).

        Content that no longer meets it (a limit changed, a text came in through the API) is
        not approved: it goes back to its author with the reasons as the comment.
        """
        if action_name == "approve":
            problems = _approval_problems(task_state)
            if problems:
                reasons = "\n".join(f"- {problem}" for problem in problems)
                task_state.reject(
                    user=user, comment=str(_("Not approved, it cannot go out as it is:")) + "\n" + reasons
                )
                return None
        return super().on_action(task_state, user, action_name, **kwargs)


def _approval_problems(task_state):
    """What the approved revision's object reports through ``approval_problems()``, if it has that check."""
    revision = task_state.revision
    content = revision.as_object() if revision else task_state.workflow_state.content_object
    check = getattr(content, "approval_problems", None)
    return check() if check else []


class Escalation(models.Model):
    """An approval step that passed its due time, and who was told about it (once per step)."""

    task_state = models.OneToOneField(
        TaskState, verbose_name=_("approval step"), on_delete=models.CASCADE, related_name="escalation"
    )
    due_at = models.DateTimeField(_("due"))
    escalated_at = models.DateTimeField(_("escalated"))
    notified = models.JSONField(_("notified"), default=list, help_text=_("E-mail addresses that were told."))

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")

    def __str__(self):
        return f"task state {self.task_state_id}, escalated {self.escalated_at:%Y-%m-%d %H:%M}"
