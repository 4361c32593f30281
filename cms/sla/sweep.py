"""The one periodic sweep over every open deadline of every plugin.

Deadlines whose reminder time came are reminded, those past due are escalated,
each exactly once: a sweep claims its rows (``FOR UPDATE SKIP LOCKED`` where
the database has it) and marks them before telling anyone, so two sweeps
running at once never notify twice. A failing handler is logged and does not
stop the rest.
"""

import logging
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from cms.sla.models import Deadline
from cms.sla.registry import handler_for

logger = logging.getLogger(__name__)

#: Deadlines claimed and handled per transaction.
BATCH = 500


def sweep(now=None):
    """Remind and escalate what is due; returns (reminded, escalated) counts."""
    now = now or timezone.now()
    escalated = _run(Deadline.objects.to_escalate(now), "escalated_at", "escalate", now)
    reminded = _run(Deadline.objects.to_remind(now), "reminded_at", "remind", now)
    return reminded, escalated


def _run(pending, mark, action, now):
    done = 0
    while True:
        with transaction.atomic():
            claimed = list(_lock(pending.order_by("due_at"))[:BATCH])
            if not claimed:
                return done
            changes = {mark: now}
            if mark == "escalated_at":
                changes["reminded_at"] = now  # an escalation says everything a reminder would
            Deadline.objects.filter(pk__in=[d.pk for d in claimed]).update(**changes)
        for content_type_id, deadlines in _by_type(claimed).items():
            _tell(ContentType.objects.get_for_id(content_type_id), deadlines, action)
        done += len(claimed)


def _lock(queryset):
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset


def _by_type(deadlines):
    grouped = defaultdict(list)
    for deadline in deadlines:
        grouped[deadline.content_type_id].append(deadline)
    return grouped


def _tell(content_type, deadlines, action):
    handler = handler_for(content_type)
    if handler is None:
        logger.warning(
            "No deadline handler for %s; %d deadlines not %sd", content_type, len(deadlines), action
        )
        return
    subjects = handler.queryset().in_bulk([d.object_id for d in deadlines])
    for deadline in deadlines:
        subject = subjects.get(deadline.object_id)
        if subject is None:
            continue
        try:
            getattr(handler, action)(deadline, subject)
        except Exception:
            logger.exception(
                "Could not %s deadline %s of %s #%s", action, deadline.key, content_type, deadline.object_id
            )
