"""Task reminders: the assignee is told TASK_REMINDER_DAYS before a task is due, and once when overdue."""

import datetime
import logging

from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from cms.jobs import periodic
from cms.notifications.service import notify
from plugins.crm.models import Task

logger = logging.getLogger(__name__)

TEMPLATE = "notifications/email/crm_task"
DUE, OVERDUE = "due", "overdue"


@periodic(cron="0 7 * * *", queue="notifications")
def remind_tasks():
    """Remind assignees of tasks falling due and tell them of overdue ones (every morning at 7)."""
    counts = sweep()
    logger.info("CRM task reminders: %(due)s before due, %(overdue)s overdue", counts)


def sweep(today=None):
    """Send what is due today; return how many of each were sent. Each is sent once per task."""
    today = today or timezone.localdate()
    days = int(apps.get_app_config("crm").get_setting("TASK_REMINDER_DAYS"))
    pending = (
        Task.objects.open()
        .filter(assignee__is_active=True)
        .select_related("assignee", "journalist", "outlet")
    )
    due = pending.filter(
        reminded_at__isnull=True, due_on__gte=today, due_on__lte=today + datetime.timedelta(days=days)
    )
    overdue = pending.filter(overdue_notified_at__isnull=True, due_on__lt=today)
    return {
        DUE: sum(_tell(task, DUE, "reminded_at", today) for task in due),
        OVERDUE: sum(_tell(task, OVERDUE, "overdue_notified_at", today) for task in overdue),
    }


def _tell(task, step, mark, today):
    """Claim the notice by setting ``mark`` (so a parallel run cannot send it too), then send it."""
    if not Task.objects.filter(pk=task.pk, **{f"{mark}__isnull": True}).update(**{mark: timezone.now()}):
        return 0
    url = reverse("crm_task:edit", args=[task.pk])
    notify(
        [task.assignee],
        kind=f"crm.task.{step}",
        template=TEMPLATE,
        context={"task": task, "step": step, "days_left": (task.due_on - today).days},
        url=url,
    )
    return 1
