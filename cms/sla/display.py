"""How much time is left, in words and a tone (ok, soon, overdue, met, late) that lists colour."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext

from cms.core.working_time import office_hours
from cms.sla.clock import working_hours_left

#: Working hours left under which a deadline counts as close.
SOON_HOURS = 4


@dataclass(frozen=True)
class TimeLeft:
    tone: str  # ok, soon, overdue, met, late
    text: str


def time_left(due_at, met_at=None, now=None):
    now = now or timezone.now()
    if due_at is None:
        return TimeLeft("none", gettext("no deadline"))
    if met_at is not None:
        if met_at <= due_at:
            return TimeLeft("met", gettext("met on time"))
        return TimeLeft("late", gettext("met %(late)s late") % {"late": timesince(due_at, met_at, depth=1)})
    if due_at <= now:
        return TimeLeft("overdue", gettext("overdue by %(late)s") % {"late": timesince(due_at, now, depth=2)})
    hours = working_hours_left(due_at, now)
    return TimeLeft("soon" if hours <= SOON_HOURS else "ok", _working_time_text(hours))


def _working_time_text(hours):
    opening, closing = office_hours()
    day = (closing.hour * 60 + closing.minute - opening.hour * 60 - opening.minute) / 60
    if hours >= day:
        days = int(hours // day)
        return ngettext("%(n)d working day left", "%(n)d working days left", days) % {"n": days}
    minutes = int(hours * 60)
    if minutes >= 60:
        return gettext("%(h)d h %(m)02d min of working time left") % {"h": minutes // 60, "m": minutes % 60}
    return gettext("%(m)d min of working time left") % {"m": max(minutes, 1)}
