"""Task rules: when a journalist or an outlet is added, the enabled rules for it create follow-up tasks.

A rule matches when each of its conditions set holds: the outlet's reach and
kind (for a journalist, one current outlet meeting both) and the beat (a
journalist's beats; an outlet has none, so a rule with a beat never matches an
outlet). The task goes to the coordinator of the matching beat when the rule
says so, else to the rule's assignee; a rule makes at most one task per contact.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from plugins.crm.models import BeatCoordinator, Journalist, Outlet, Task, TaskRule, TaskTrigger

logger = logging.getLogger(__name__)


def apply_journalist_rules(journalist_id):
    """Job: create the tasks the rules ask for a new journalist; return how many."""
    journalist = (
        Journalist.objects.filter(pk=journalist_id).prefetch_related("beats", "employments__outlet").first()
    )
    return len(apply_rules(TaskTrigger.NEW_JOURNALIST, journalist)) if journalist is not None else 0


def apply_outlet_rules(outlet_id):
    """Job: create the tasks the rules ask for a new outlet; return how many."""
    outlet = Outlet.objects.filter(pk=outlet_id).first()
    return len(apply_rules(TaskTrigger.NEW_OUTLET, outlet)) if outlet is not None else 0


def apply_rules(trigger, contact):
    """Create one task per matching rule that has none for ``contact`` yet; return the tasks created."""
    is_journalist = trigger == TaskTrigger.NEW_JOURNALIST
    outlets = [job.outlet for job in contact.current_employments()] if is_journalist else [contact]
    beats = list(contact.beats.all()) if is_journalist else []
    created = []
    for rule in TaskRule.objects.filter(trigger=trigger, enabled=True).select_related("beat", "assignee"):
        if not _matches(rule, outlets, beats):
            continue
        assignee = _assignee(rule, beats)
        if assignee is None:
            logger.warning("Task rule %s matched %s but has nobody active to assign to", rule.pk, contact)
            continue
        task = _create_once(rule, contact, is_journalist, assignee)
        if task is not None:
            created.append(task)
    return created


def _matches(rule, outlets, beats):
    if (rule.outlet_reach or rule.outlet_kind) and not any(
        rule.outlet_reach in ("", outlet.reach) and rule.outlet_kind in ("", outlet.kind)
        for outlet in outlets
    ):
        return False
    return rule.beat_id is None or any(beat.pk == rule.beat_id for beat in beats)


def _assignee(rule, beats):
    if rule.to_beat_coordinator:
        candidates = [rule.beat_id] if rule.beat_id else [beat.pk for beat in beats]
        coordinators = {
            link.beat_id: link.coordinator
            for link in BeatCoordinator.objects.filter(beat__in=candidates, coordinator__is_active=True)
            .select_related("coordinator", "beat")
            .order_by("beat__name")
        }
        for beat_id in candidates:
            if beat_id in coordinators:
                return coordinators[beat_id]
    if rule.assignee is not None and rule.assignee.is_active:
        return rule.assignee
    return None


def _create_once(rule, contact, is_journalist, assignee):
    contact_field = "journalist" if is_journalist else "outlet"
    with transaction.atomic():
        TaskRule.objects.select_for_update().filter(pk=rule.pk).first()  # one job at a time per rule
        if Task.objects.filter(rule=rule, **{contact_field: contact}).exists():
            return None
        return Task.objects.create(
            rule=rule,
            title=rule.task_title.replace("{name}", str(contact))[:255],
            assignee=assignee,
            due_on=timezone.localdate() + datetime.timedelta(days=rule.due_in_days),
            **{contact_field: contact},
        )
