"""The SLA clock and sweep: deadlines across weekends and Polish holidays, reminders and escalation once."""

import datetime
from datetime import datetime as dt
from zoneinfo import ZoneInfo

import django_rq
import pytest
from django.utils import timezone

from cms.core.working_time import subtract_working_hours
from cms.notifications.models import Notification
from cms.sla.clock import DurationUnit, due_at
from cms.sla.display import time_left
from cms.sla.jobs import sweep_deadlines
from cms.sla.models import Deadline
from cms.sla.sweep import sweep
from plugins.inquiries import cases
from plugins.inquiries.deadlines import extension_limit, statutory_due
from tests.helpers import run_jobs
from tests.inquiry_helpers import open_case

WARSAW = ZoneInfo("Europe/Warsaw")


def at(month, day, hour, minute=0, year=2026):
    return dt(year, month, day, hour, minute, tzinfo=WARSAW)


@pytest.mark.parametrize(
    ("start", "amount", "unit", "due"),
    [
        # 2026-11-11 (Wednesday) is Independence Day: four working hours from Tuesday 14:00 end Thursday.
        (at(11, 10, 14), 4, DurationUnit.WORKING_HOURS, at(11, 12, 10)),
        # Friday afternoon plus one working day: Monday's closing.
        (at(11, 20, 14), 1, DurationUnit.WORKING_DAYS, at(11, 23, 15, 30)),
        # Two working days from 23 December: 24 (Wigilia, a holiday since 2025), 25, 26 and the weekend off.
        (at(12, 23, 9), 2, DurationUnit.WORKING_DAYS, at(12, 29, 15, 30)),
        # 14 days from 11 December end on Christmas Day: moved to the next working day, 28 December.
        (at(12, 11, 10), 14, DurationUnit.CALENDAR_DAYS, at(12, 28, 15, 30)),
        # 14 days from Monday 9 November: Monday 23 November, at closing.
        (at(11, 9, 10), 14, DurationUnit.CALENDAR_DAYS, at(11, 23, 15, 30)),
    ],
)
def test_deadlines_skip_weekends_and_polish_holidays(start, amount, unit, due):
    assert due_at(start, amount, unit) == due


def test_reminders_count_working_hours_backwards_over_a_weekend():
    assert subtract_working_hours(at(11, 23, 9, 30), 4) == at(11, 20, 13, 30)


def test_the_statutory_deadline_and_its_two_month_limit():
    received = at(11, 2, 10)
    assert statutory_due(received) == at(11, 16, 15, 30)
    assert extension_limit(received) == at(1, 2, 10, year=2027)


def test_time_left_in_words_and_tone():
    now = at(11, 23, 9)
    assert time_left(at(11, 23, 11), now=now).tone == "soon"
    assert time_left(at(11, 26, 11), now=now).tone == "ok"
    overdue = time_left(at(11, 20, 11), now=now)
    assert overdue.tone == "overdue" and overdue.text
    assert time_left(at(11, 20, 11), met_at=at(11, 20, 10), now=now).tone == "met"


@pytest.mark.django_db
def test_the_sweep_reminds_then_escalates_each_deadline_once_on_a_real_worker(
    desk, redis_connection, settings
):
    settings.KOMUNIKAT_JOBS_IN_PROCESS = False
    inquiry = open_case(desk, priority="urgent")
    cases.set_coordinator(inquiry, desk.coordinator, desk.coordinator)
    cases.assign_unit(
        inquiry,
        desk.wgk,
        user=desk.coordinator,
        experts=[desk.expert],
        due_at=timezone.now() + datetime.timedelta(days=10),
    )
    answer = Deadline.objects.of(inquiry).get(key="answer")
    Notification.objects.all().delete()

    # The reminder time has come, the deadline not yet.
    Deadline.objects.filter(pk=answer.pk).update(
        remind_at=timezone.now() - datetime.timedelta(minutes=1),
        due_at=timezone.now() + datetime.timedelta(hours=1),
    )
    django_rq.get_queue("default").enqueue(sweep_deadlines)
    run_jobs("default")
    reminded = Notification.objects.filter(kind="inquiries.deadline.reminder")
    assert {n.recipient for n in reminded} == {desk.coordinator}
    assert "Remont ulicy Lipowej" in reminded.get().body

    # Past due: the coordinator and the press office head hear of it; a second sweep changes nothing.
    Deadline.objects.filter(pk=answer.pk).update(due_at=timezone.now() - datetime.timedelta(minutes=1))
    django_rq.get_queue("default").enqueue(sweep_deadlines)
    run_jobs("default")
    assert sweep() == (0, 0)
    escalated = Notification.objects.filter(kind="inquiries.deadline.overdue")
    assert {n.recipient for n in escalated} == {desk.coordinator, desk.head}
    assert reminded.count() == 1

    # The unit's internal deadline reminds its named expert, not the whole unit.
    Deadline.objects.filter(key=f"unit:{desk.wgk.pk}").update(remind_at=timezone.now())
    assert sweep() == (1, 0)
    assert desk.expert in {
        n.recipient for n in Notification.objects.filter(kind="inquiries.deadline.reminder")
    }
    assert desk.unit_head not in {
        n.recipient for n in Notification.objects.filter(kind="inquiries.deadline.reminder")
    }


@pytest.mark.django_db
def test_an_answered_case_is_not_chased(desk):
    inquiry = open_case(desk)
    Deadline.objects.of(inquiry).update(due_at=timezone.now() - datetime.timedelta(hours=1))
    cases.set_coordinator(inquiry, desk.coordinator, desk.coordinator)
    cases.transition(inquiry, "withdraw", desk.coordinator, comment="Redakcja wycofała pytanie.")
    assert sweep() == (0, 0)
    assert not Notification.objects.filter(kind__startswith="inquiries.deadline").exists()


@pytest.mark.django_db
def test_a_unit_without_named_experts_hears_through_its_representatives_and_heads(desk, make_user):
    from cms.organisation.models import MembershipRole
    from cms.plugin_api import migrations as roles

    clerk = make_user("referent", [], [(desk.wgk, MembershipRole.SUBJECT_EXPERT)])
    representative = make_user(
        "rzecznik.wgk", [roles.REPRESENTATIVES], [(desk.wgk, MembershipRole.REPRESENTATIVE)]
    )
    inquiry = open_case(desk, coordinator=desk.coordinator)
    cases.assign_unit(
        inquiry, desk.wgk, user=desk.coordinator, due_at=timezone.now() + datetime.timedelta(days=3)
    )
    Notification.objects.all().delete()
    Deadline.objects.filter(key=f"unit:{desk.wgk.pk}").update(remind_at=timezone.now())
    assert sweep() == (1, 0)
    told = {n.recipient for n in Notification.objects.filter(kind="inquiries.deadline.reminder")}
    assert told == {desk.coordinator, representative, desk.unit_head}
    assert clerk not in told and desk.expert not in told
