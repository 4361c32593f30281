"""Citizen reports from arrival to resolution: routing, duplicates, deadlines, approved replies, reopening."""

from datetime import timedelta

import django_rq
import pytest
from django.core import mail
from django.utils import timezone

from cms.approvals.models import VersionState
from cms.core.refusals import Invalid, NotAllowed, Refused
from cms.notifications.models import Notification
from cms.personal_data.registry import sources
from cms.sla.jobs import sweep_deadlines
from cms.sla.models import Deadline
from plugins.citizen_reports import handling, replies, routing
from plugins.citizen_reports.intake import ReportInvalid
from plugins.citizen_reports.models import Report, ReportState, UpdateKind
from tests.helpers import run_jobs
from tests.report_helpers import INSIDE, OUTSIDE, submit

pytestmark = pytest.mark.django_db


def test_a_report_is_numbered_routed_by_category_and_area_and_acknowledged(city, jobs_now):
    with jobs_now():
        outside = submit(city.lamp, latitude=OUTSIDE[0], longitude=OUTSIDE[1])
    inside = submit(city.lamp, latitude=INSIDE[0], longitude=INSIDE[1])
    year = timezone.localtime().year
    assert outside.number == f"ZI/{year}/000001" and inside.number == f"ZI/{year}/000002"
    assert (outside.unit, outside.state) == (city.zdm, ReportState.ASSIGNED)
    assert (inside.unit, inside.area) == (city.mpo, city.old_town)
    [ack] = mail.outbox
    assert ack.to == ["jan.kowalski@example.pl"] and outside.number in ack.subject
    assert f"/zglos-problem/status/{outside.status_token}/" in ack.body


def test_an_unmatched_category_waits_in_the_dispatcher_queue(city):
    report = submit(city.other)
    assert report.unit is None and report.state == ReportState.RECEIVED
    assert list(Report.objects.unrouted()) == [report]
    handling.verify(report, city.dispatcher)
    handling.route(report, city.zdm, city.dispatcher)
    assert report.state == ReportState.ASSIGNED and not Report.objects.unrouted().exists()
    assert {d.unit for d in Deadline.objects.of(report)} == {city.zdm}


def test_only_a_dispatcher_routes_and_a_move_needs_a_reason(city):
    report = submit(city.lamp)
    with pytest.raises(NotAllowed):
        handling.route(report, city.zzm, city.zdm_rep, "nie nasze")
    with pytest.raises(Invalid):
        handling.route(report, city.zzm, city.dispatcher, "")
    handling.route(report, city.zzm, city.dispatcher, "Latarnia w parku należy do ZZM.")
    assert report.unit == city.zzm
    assert "Latarnia w parku" in report.updates.filter(kind=UpdateKind.ROUTING).last().text


def test_a_unit_hands_a_report_back_to_the_queue(city):
    report = submit(city.lamp)
    handling.hand_back(report, city.zdm_rep, "To nie nasza latarnia, tylko osiedlowa.")
    report.refresh_from_db()
    assert report.unit is None and report.state == ReportState.VERIFIED
    assert Report.objects.unrouted().filter(pk=report.pk).exists()


def test_invalid_submissions_name_every_field(city):
    with pytest.raises(ReportInvalid) as refused:
        submit(city.tree, description=" ", address="", email="nie-adres", consent=False)
    assert set(refused.value.errors) == {"description", "address", "email", "consent", "attribute[size]"}
    with pytest.raises(ReportInvalid) as refused:
        submit("nie-ma-takiej", latitude="91", longitude="21")
    assert set(refused.value.errors) == {"category", "location"}
    assert not Report.objects.exists()


def test_duplicates_nearby_are_suggested_and_a_merge_keeps_both_reporters_informed(city, jobs_now):
    first = submit(
        city.tree,
        address="Park Miejski",
        latitude="52.150000",
        longitude="21.050000",
        attributes={"size": "big"},
    )
    near = submit(
        city.tree,
        address="Park Miejski, przy fontannie",
        latitude="52.150500",
        longitude="21.050000",
        email="maria@example.pl",
        attributes={"size": "big"},
    )
    far = submit(
        city.tree,
        address="ul. Polna 3",
        latitude="52.160000",
        longitude="21.050000",
        attributes={"size": "small"},
    )
    other_category = submit(city.lamp, address="Park Miejski", latitude="52.150000", longitude="21.050000")
    suggested = routing.possible_duplicates(near)
    assert [(r, d) for r, d in suggested] == [(first, 56)]
    assert far not in dict(suggested) and other_category not in dict(suggested)

    reports = [first, near, far, other_category]
    assert routing.duplicate_counts(reports) == {r.pk: len(routing.possible_duplicates(r)) for r in reports}
    assert routing.duplicate_counts(reports)[near.pk] == 1

    handling.merge(near, first, city.dispatcher)
    near.refresh_from_db()
    assert near.state == ReportState.DUPLICATE and near.duplicate_of == first
    assert not Deadline.objects.of(near).open().exists()
    mail.outbox.clear()
    with jobs_now():
        handling.add_public_update(first, city.zzm_rep, "Drzewo zostanie przycięte w czwartek.")
    assert sorted(m.to[0] for m in mail.outbox) == ["jan.kowalski@example.pl", "maria@example.pl"]
    for message in mail.outbox:
        other = "maria@example.pl" if message.to[0] != "maria@example.pl" else "jan.kowalski@example.pl"
        assert other not in message.body and "Drzewo zostanie przycięte" in message.body


def test_deadlines_follow_the_category_policy_and_are_met_by_the_first_word(city):
    report = submit(city.lamp)
    keys = {d.key: d for d in Deadline.objects.of(report)}
    assert set(keys) == {"first_response", "resolution"}
    assert report.first_response_due_at == keys["first_response"].due_at
    assert report.due_at == keys["resolution"].due_at > report.first_response_due_at
    handling.add_public_update(report, city.zdm_rep, "Zlecenie przekazane ekipie.")
    assert Deadline.objects.of(report).get(key="first_response").met_at is not None
    handling.resolve(report, city.zdm_rep, "Wymieniono oprawę.")
    assert not Deadline.objects.of(report).open().exists()


def test_a_reply_goes_out_only_after_a_subject_expert_approves_it(city, jobs_now):
    report = submit(city.lamp)
    replies.REPLY.save_draft(report, "Latarnia zostanie naprawiona do piątku.", city.zdm_rep)
    replies.REPLY.submit(report, city.zdm_rep)
    with pytest.raises(Refused):
        replies.send(report, city.zdm_rep)
    with pytest.raises(NotAllowed):
        replies.REPLY.decide(report, city.zzm_rep, approve=True)
    replies.REPLY.decide(report, city.zdm_expert, approve=True)
    mail.outbox.clear()
    with jobs_now():
        replies.send(report, city.zdm_rep)
    assert replies.REPLY.latest(report).state == VersionState.SENT
    [sent] = mail.outbox
    assert sent.to == ["jan.kowalski@example.pl"] and "naprawiona do piątku" in sent.body
    assert report.updates.filter(kind=UpdateKind.REPLY).get().text.startswith("Latarnia zostanie")
    assert Report.objects.get(pk=report.pk).first_response_at is not None


def test_the_citizen_reopens_a_resolved_report_only_within_the_period(city):
    report = submit(city.lamp)
    handling.resolve(report, city.zdm_rep, "Naprawione.")
    handling.citizen_reopens(report, "Latarnia znowu nie świeci.")
    assert report.state == ReportState.IN_PROGRESS
    assert Deadline.objects.of(report).get(key="resolution").met_at is None
    handling.resolve(report, city.zdm_rep, "Naprawione ponownie.")
    Report.objects.filter(pk=report.pk).update(resolved_at=timezone.now() - timedelta(days=15))
    report.refresh_from_db()
    with pytest.raises(Refused):
        handling.citizen_reopens(report, "Znowu.")


def test_erasure_removes_the_reporter_and_keeps_the_case(city):
    report = submit(city.lamp, photos=[])
    handling.citizen_adds(report, "Dodam, że mieszkam obok: Jan Kowalski, tel. 600 100 200.")
    [source] = [s for s in sources() if s.key == "citizen_reports.reports"]
    [found] = source.find("JAN.KOWALSKI@example.pl")
    assert source.describe(found)["phone"] == "+48 600 100 200"
    source.erase(found, city.dispatcher)
    report.refresh_from_db()
    assert (report.email, report.first_name, report.phone) == ("", "", "")
    assert "600 100 200" not in report.updates.get(kind=UpdateKind.CITIZEN).text
    assert report.description.startswith("Latarnia")


def test_the_sweep_reminds_the_unit_then_escalates_to_heads_and_dispatchers_on_a_real_worker(
    city, make_user, redis_connection, settings, django_capture_on_commit_callbacks
):
    from cms.organisation.models import MembershipRole
    from cms.plugin_api import migrations as groups

    settings.KOMUNIKAT_JOBS_IN_PROCESS = False
    head = make_user("naczelnik-zdm", [groups.SUBJECT_EXPERTS], [(city.zdm, MembershipRole.UNIT_HEAD)])
    with django_capture_on_commit_callbacks(execute=True):
        report = submit(city.lamp)
    run_jobs("notifications")  # the acknowledgement, by the worker
    assert [m.to for m in mail.outbox] == [["jan.kowalski@example.pl"]]
    first = Deadline.objects.of(report).get(key="first_response")

    Deadline.objects.filter(pk=first.pk).update(
        remind_at=timezone.now() - timedelta(minutes=1), due_at=timezone.now() + timedelta(hours=1)
    )
    django_rq.get_queue("default").enqueue(sweep_deadlines)
    run_jobs("default")
    reminded = Notification.objects.filter(kind="citizen_reports.deadline.reminder")
    # Nobody took the report yet: the unit's representative and head hear, not the expert.
    assert {n.recipient for n in reminded} == {city.zdm_rep, head}
    assert report.number in reminded.first().subject

    handling.take(report, city.zdm_rep)
    Deadline.objects.filter(pk=first.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    django_rq.get_queue("default").enqueue(sweep_deadlines)
    run_jobs("default")
    escalated = Notification.objects.filter(kind="citizen_reports.deadline.overdue")
    assert {n.recipient for n in escalated} == {city.zdm_rep, head, city.dispatcher}
    assert reminded.count() == 2
