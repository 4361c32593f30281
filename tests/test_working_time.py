"""The working-time clock: office hours 07:30-15:30, Monday to Friday, without Polish public holidays."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.core.working_time import add_working_hours, office_hours, working_hours_between

WARSAW = ZoneInfo("Europe/Warsaw")


def at(day, hour, minute=0):
    """A moment in Warsaw in November/December 2026."""
    month, day = day
    return datetime(2026, month, day, hour, minute, tzinfo=WARSAW)


# 2026-11-20 is a Friday, 2026-11-23 a Monday.
@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (at((11, 23), 9), 4, at((11, 23), 13)),
        (at((11, 23), 7, 30), 8, at((11, 23), 15, 30)),  # a whole day ends at closing, not next morning
        (at((11, 20), 13), 8, at((11, 23), 13)),  # across the weekend
        (at((11, 23), 6), 2, at((11, 23), 9, 30)),  # before opening: counted from 07:30
        (at((11, 23), 18), 1, at((11, 24), 8, 30)),  # after closing: counted from next morning
        (at((11, 21), 10), 1, at((11, 23), 8, 30)),  # on Saturday: counted from Monday morning
        (at((11, 23), 9), 0, at((11, 23), 9)),
    ],
)
def test_add_working_hours(start, hours, due):
    assert add_working_hours(start, hours) == due


def test_independence_day_is_not_a_working_day():
    # Tuesday 10 November, 14:00 + 8 h: 1.5 h on Tuesday, Wednesday 11 November is a holiday.
    assert add_working_hours(at((11, 10), 14), 8) == at((11, 12), 14)


def test_christmas_eve_is_a_holiday_from_2025_on():
    # Wednesday 23 December, 12:00 + 8 h: 24-27 December are free, work resumes on Monday 28.
    assert add_working_hours(at((12, 23), 12), 8) == at((12, 28), 12)


def test_the_clock_keeps_office_hours_across_the_change_to_winter_time():
    # Clocks go back on Sunday 25 October 2026; Monday 26 starts at 07:30 local time all the same.
    start = datetime(2026, 10, 23, 14, tzinfo=WARSAW)
    assert add_working_hours(start, 4) == datetime(2026, 10, 26, 10, 0, tzinfo=WARSAW)


def test_working_hours_between():
    assert working_hours_between(at((11, 20), 13), at((11, 23), 13)) == 8
    assert working_hours_between(at((11, 23), 13), at((11, 20), 13)) == -8
    assert working_hours_between(at((11, 10), 14), at((11, 12), 14)) == 8
    assert working_hours_between(at((11, 21), 8), at((11, 22), 20)) == 0  # a weekend
    assert working_hours_between(at((11, 23), 5), at((11, 23), 8)) == 0.5


@pytest.mark.parametrize("start", [at((11, 20), 13), at((11, 23), 7, 30), at((12, 23), 12)])
@pytest.mark.parametrize("hours", [1, 8, 21.5, 40])
def test_counting_back_gives_the_hours_added(start, hours):
    assert working_hours_between(start, add_working_hours(start, hours)) == pytest.approx(hours)


def test_office_hours_come_from_the_setting(settings):
    settings.KOMUNIKAT_OFFICE_HOURS = "08:00-16:00"
    assert add_working_hours(at((11, 23), 15), 2) == at((11, 24), 9)


@pytest.mark.parametrize("value", ["7:30", "15:30-07:30", "rano-wieczorem", "07:30-15:30-18:00"])
def test_malformed_office_hours_name_the_variable(settings, value):
    settings.KOMUNIKAT_OFFICE_HOURS = value
    with pytest.raises(ImproperlyConfigured, match="KOMUNIKAT_OFFICE_HOURS"):
        office_hours()
