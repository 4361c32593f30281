"""The working-time clock: office hours on working days, in the site's time zone.

Working days are Monday to Friday except Polish public holidays (the maintained
``holidays`` library); office hours come from ``KOMUNIKAT_OFFICE_HOURS``
("07:30-15:30" by default). Due times of approval steps use it, and so will
the deadlines of media inquiries and citizen reports.
"""

import datetime
from functools import lru_cache

import holidays
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

_POLISH_HOLIDAYS = holidays.country_holidays("PL")


@lru_cache
def _parse_office_hours(value):
    try:
        opening, closing = (datetime.time.fromisoformat(part.strip()) for part in value.split("-"))
    except ValueError:
        opening = closing = None
    if opening is None or opening >= closing:
        raise ImproperlyConfigured(
            f"KOMUNIKAT_OFFICE_HOURS must be the opening and closing time, e.g. 07:30-15:30, got {value!r}."
        )
    return opening, closing


def office_hours():
    """(opening, closing) times of a working day; a malformed setting raises ImproperlyConfigured."""
    return _parse_office_hours(settings.KOMUNIKAT_OFFICE_HOURS)


def is_working_day(day):
    return day.weekday() < 5 and day not in _POLISH_HOLIDAYS


def _office_interval(day):
    opening, closing = office_hours()
    zone = timezone.get_default_timezone()
    return (
        datetime.datetime.combine(day, opening, tzinfo=zone),
        datetime.datetime.combine(day, closing, tzinfo=zone),
    )


def add_working_hours(start, hours):
    """The moment ``hours`` working hours after ``start`` (an aware datetime), in the site's time zone."""
    if hours < 0:
        raise ValueError("add_working_hours() counts forward only.")
    remaining = datetime.timedelta(hours=hours)
    cursor = timezone.localtime(start, timezone.get_default_timezone())
    if not remaining:
        return cursor
    day = cursor.date()
    while True:
        if is_working_day(day):
            opening, closing = _office_interval(day)
            begin = max(cursor, opening)
            if begin < closing:
                if remaining <= closing - begin:
                    return begin + remaining
                remaining -= closing - begin
        day += datetime.timedelta(days=1)


def subtract_working_hours(end, hours):
    """The moment ``hours`` working hours before ``end`` (an aware datetime), in the site's time zone."""
    if hours < 0:
        raise ValueError("subtract_working_hours() counts backward only.")
    remaining = datetime.timedelta(hours=hours)
    cursor = timezone.localtime(end, timezone.get_default_timezone())
    if not remaining:
        return cursor
    day = cursor.date()
    while True:
        if is_working_day(day):
            opening, closing = _office_interval(day)
            finish = min(cursor, closing)
            if finish > opening:
                if remaining <= finish - opening:
                    return finish - remaining
                remaining -= finish - opening
        day -= datetime.timedelta(days=1)


def working_hours_between(a, b):
    """Working hours from ``a`` to ``b`` as a float; negative when ``b`` is before ``a``."""
    if b < a:
        return -working_hours_between(b, a)
    zone = timezone.get_default_timezone()
    day, last = timezone.localtime(a, zone).date(), timezone.localtime(b, zone).date()
    total = datetime.timedelta()
    while day <= last:
        if is_working_day(day):
            opening, closing = _office_interval(day)
            overlap = min(b, closing) - max(a, opening)
            total += max(overlap, datetime.timedelta())
        day += datetime.timedelta(days=1)
    return total / datetime.timedelta(hours=1)
