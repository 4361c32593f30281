"""Setting, meeting and reading deadlines: the one API plugins use for their cases' SLA.

    set_deadline(inquiry, "media", due, label=_("Journalist's deadline"), remind_before_hours=4)
    meet(inquiry, "media")         # answered: the deadline stops counting
    for deadline in deadlines_of(inquiry): ...

The sweep (cms.sla.sweep) reminds and escalates open deadlines through the
handler the subject's model registered (cms.sla.registry).
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cms.sla.clock import remind_time
from cms.sla.models import Deadline


def set_deadline(subject, key, due_at, *, label, remind_before_hours=4, unit=None):
    """Create or move the ``key`` deadline of ``subject``; reopens it if it was met. Returns it."""
    content_type = ContentType.objects.get_for_model(subject)
    deadline = Deadline.objects.filter(content_type=content_type, object_id=subject.pk, key=key).first()
    if deadline is None:
        return Deadline.objects.create(
            content_type=content_type,
            object_id=subject.pk,
            key=key,
            label=str(label)[:200],
            unit=unit,
            due_at=due_at,
            remind_at=remind_time(due_at, remind_before_hours),
        )
    deadline.shift(due_at, remind_before_hours)
    deadline.label, deadline.unit, deadline.met_at = str(label)[:200], unit, None
    deadline.save()
    return deadline


def meet(subject, *keys, at=None):
    """Mark the given deadlines of ``subject`` (all open ones without keys) as met; returns how many."""
    deadlines = Deadline.objects.of(subject).open()
    if keys:
        deadlines = deadlines.filter(key__in=keys)
    return deadlines.update(met_at=at or timezone.now())


def drop(subject, *keys):
    """Remove deadlines that no longer apply (a unit taken off the case)."""
    Deadline.objects.of(subject).filter(key__in=keys).delete()


def deadlines_of(subject):
    return list(Deadline.objects.of(subject).select_related("unit"))
