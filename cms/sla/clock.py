"""Deadline arithmetic in working time, on the calendar of cms.core.working_time.

Three units of duration:

- working hours: office hours of working days only (4 working hours from Friday
  14:00 end on Monday at 10:30 with 07:30-15:30 office hours);
- working days: the close of office hours on the n-th working day after the
  start day;
- calendar days: the close of office hours of the day n days after the start
  day; a deadline that falls on a Saturday, Sunday or public holiday moves to
  the next working day (Kodeks postępowania administracyjnego, art. 57 § 4).
  The statutory 14 days for public information are counted this way.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.core.working_time import (
    add_working_hours,
    is_working_day,
    office_hours,
    subtract_working_hours,
    working_hours_between,
)


class DurationUnit(models.TextChoices):
    WORKING_HOURS = "working_hours", _("working hours")
    WORKING_DAYS = "working_days", _("working days")
    CALENDAR_DAYS = "calendar_days", _("calendar days")


def due_at(start, amount, unit):
    """The moment ``amount`` ``unit``s after ``start`` (aware), in the site's time zone."""
    if amount < 0:
        raise ValueError("A deadline cannot come before its start.")
    start = timezone.localtime(start, timezone.get_default_timezone())
    if unit == DurationUnit.WORKING_HOURS:
        return add_working_hours(start, amount)
    day = start.date()
    if unit == DurationUnit.WORKING_DAYS:
        counted = 0
        while counted < amount:
            day += datetime.timedelta(days=1)
            counted += is_working_day(day)
        return _closing(day)
    if unit == DurationUnit.CALENDAR_DAYS:
        day += datetime.timedelta(days=amount)
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
        return _closing(day)
    raise ValueError(f"Unknown duration unit {unit!r}.")


def _closing(day):
    return datetime.datetime.combine(day, office_hours()[1], tzinfo=timezone.get_default_timezone())


def remind_time(due, remind_before_hours):
    """When to remind: ``remind_before_hours`` working hours before ``due`` (None for no reminder)."""
    return subtract_working_hours(due, remind_before_hours) if remind_before_hours else None


def working_hours_left(due, now=None):
    """Working hours from now until ``due``; negative once it has passed."""
    return working_hours_between(now or timezone.now(), due)


def describe_duration(amount, unit):
    """'4 working hours', '14 calendar days' in the active language."""
    if unit == DurationUnit.WORKING_HOURS:
        return ngettext("%(n)d working hour", "%(n)d working hours", amount) % {"n": amount}
    if unit == DurationUnit.WORKING_DAYS:
        return ngettext("%(n)d working day", "%(n)d working days", amount) % {"n": amount}
    return ngettext("%(n)d day", "%(n)d days", amount) % {"n": amount}
