"""Due times of approval steps and the escalation of overdue ones.

A step is due ``due_working_hours`` working hours after it started
(cms.core.working_time). ``sweep()``, run every five minutes by
cms.workflow.jobs, escalates each overdue step exactly once: it records an
``Escalation``, e-mails the step's deputy and the press office head (the
Moderators group) and writes the escalation into the page's history.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.utils import get_latest_str, get_user_display_name
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.users.models import UserProfile

from cms.core.working_time import add_working_hours
from cms.plugin_api.migrations import MODERATORS
from cms.workflow.models import ApprovalTask, Escalation

logger = logging.getLogger(__name__)

#: The log action written into the history of an escalated page.
ESCALATE = "komunikat.workflow.escalate"


@dataclass(frozen=True)
class OpenStep:
    """An approval step waiting for a decision, with its due time."""

    task_state: TaskState
    task: ApprovalTask
    due_at: datetime.datetime

    @property
    def object(self):
        """The page (as its own type) or snippet under approval."""
        obj = self.task_state.workflow_state.content_object
        return obj.specific_deferred if isinstance(obj, Page) else obj

    @property
    def escalation(self):
        return getattr(self.task_state, "escalation", None)

    def is_overdue(self, now):
        return self.due_at <= now


def due_at(task_state, task=None):
    """When the approval step ``task_state`` (of the ApprovalTask ``task``) must be decided by."""
    task = task or task_state.task.specific
    return add_working_hours(task_state.started_at, task.due_working_hours)


def open_steps(task_states=None):
    """Approval steps in progress (all, or those among ``task_states``), soonest due first."""
    tasks = ApprovalTask.objects.in_bulk()
    states = (TaskState.objects.all() if task_states is None else task_states).filter(
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        task_id__in=list(tasks),
    )
    steps = [
        OpenStep(state, tasks[state.task_id], due_at(state, tasks[state.task_id]))
        for state in states.select_related("workflow_state", "escalation", "revision")
    ]
    return sorted(steps, key=lambda step: step.due_at)


def sweep(now=None):
    """Escalate every overdue approval step not escalated yet; return the new escalations."""
    now = now or timezone.now()
    escalations = (
        escalate(step, now) for step in open_steps() if step.is_overdue(now) and step.escalation is None
    )
    return [escalation for escalation in escalations if escalation is not None]


@transaction.atomic
def escalate(step, now):
    """Record, announce and log the escalation of ``step``; None if already done or no e-mail went out.

    The row is written first, so a parallel sweep waits on it and then skips the
    step. When nobody could be e-mailed although someone should have been, nothing
    is kept and the next sweep tries again.
    """
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                task_state=step.task_state, due_at=step.due_at, escalated_at=now
            )
    except IntegrityError:
        return None
    people = recipients(step.task)
    told = [person for person in people if _send(step, person)]
    if people and not told:
        logger.error(
            "No e-mail about the overdue step %s went out; the next sweep retries.", step.task_state.pk
        )
        transaction.set_rollback(True)
        return None
    escalation.notified = [person.email for person in told]
    escalation.save(update_fields=["notified"])
    _log(step, escalation, told)
    return escalation


def recipients(task):
    """The step's deputy, then the Moderators (press office head): active people with an e-mail address."""
    reachable = get_user_model().objects.filter(is_active=True).exclude(email="")
    deputy = list(reachable.filter(pk=task.deputy_id)) if task.deputy_id else []
    heads = reachable.filter(groups__name=MODERATORS).exclude(pk__in=[d.pk for d in deputy])
    return deputy + list(heads.distinct().order_by("pk"))


def _send(step, person):
    profile = UserProfile.get_for_user(person)
    obj = step.object
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "object": obj,
        "title": get_latest_str(obj),
        "model_name": obj._meta.verbose_name,
        "task": step.task,
        "groups": ", ".join(group.name for group in step.task.groups.all()),
        "task_state": step.task_state,
        "requested_by": step.task_state.workflow_state.requested_by,
        "due_at": step.due_at,
        "person": person,
        "as_deputy": person.pk == step.task.deputy_id,
        "edit_url": base_url + (AdminURLFinder().get_edit_url(obj) or ""),
    }
    with (
        translation.override(profile.get_preferred_language()),
        timezone.override(profile.get_current_time_zone()),
    ):
        subject = render_to_string("workflow/escalation/email/overdue_subject.txt", context)
        body = render_to_string("workflow/escalation/email/overdue.txt", context)
    try:
        send_mail(
            " ".join(subject.split()), body, settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL, [person.email]
        )
    except Exception:
        logger.exception("Could not e-mail %s about the overdue step %s", person.email, step.task_state.pk)
        return False
    return True


def _log(step, escalation, people):
    log(
        instance=step.object,
        action=ESCALATE,
        revision=step.task_state.revision,
        timestamp=escalation.escalated_at,
        data={
            "task": {"id": step.task.pk, "title": step.task.name},
            "task_state_id": step.task_state.pk,
            "due_at": escalation.due_at.isoformat(),
            "notified": [get_user_display_name(person) for person in people],
        },
    )


class EscalationFormatter(LogFormatter):
    label = _("Escalate overdue approval step")

    def format_message(self, log_entry):
        data = log_entry.data
        due = parse_datetime(data.get("due_at", ""))
        values = {
            "task": data.get("task", {}).get("title", ""),
            "due": formats.date_format(timezone.localtime(due), "DATETIME_FORMAT") if due else "?",
            "people": ", ".join(data.get("notified", [])),
        }
        if values["people"]:
            return _("Step “%(task)s” was due %(due)s; escalated to %(people)s") % values
        return _("Step “%(task)s” was due %(due)s; escalated, but nobody could be told by e-mail") % values
