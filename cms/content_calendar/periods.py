"""The month and week shown by the calendar: their days, time range and neighbours."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

MONTH = "month"
WEEK = "week"

# Weeks start on Monday, as on Polish calendars.
_CALENDAR = calendar.Calendar(firstweekday=calendar.MONDAY)


@dataclass(frozen=True)
class Period:
    view: str
    day: date

    @property
    def weeks(self):
        """Rows of seven days: the month's weeks, whole, or the one week."""
        if self.view == MONTH:
            return _CALENDAR.monthdatescalendar(self.day.year, self.day.month)
        monday = self.day - timedelta(days=self.day.weekday())
        return [[monday + timedelta(days=offset) for offset in range(7)]]

    @property
    def days(self):
        return [day for week in self.weeks for day in week]

    @property
    def start(self):
        return _midnight(self.days[0])

    @property
    def end(self):
        return _midnight(self.days[-1] + timedelta(days=1))

    @property
    def previous(self):
        if self.view == MONTH:
            return (self.day.replace(day=1) - timedelta(days=1)).replace(day=1)
        return self.days[0] - timedelta(days=7)

    @property
    def next(self):
        if self.view == MONTH:
            return (self.day.replace(day=28) + timedelta(days=4)).replace(day=1)
        return self.days[0] + timedelta(days=7)


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))
