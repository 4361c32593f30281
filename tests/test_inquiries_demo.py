"""seed_demo gives the inquiry desk four months of cases in every state and internal requests of every kind.

The module seeds once (the ``demo_data`` fixture), in a transaction rolled back at
the end; each test runs in a savepoint inside it.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms.approvals.models import Decision, TextVersion
from cms.notifications.models import Notification
from cms.organisation.models import Membership
from cms.plugin_api.migrations import REPRESENTATIVES
from cms.sla.display import time_left
from cms.sla.models import Deadline
from plugins.crm.models import EntryKind, TimelineEntry
from plugins.inquiries.models import (
    Assignment,
    Attachment,
    Direction,
    Inquiry,
    InquiryState,
    InternalRequest,
    Message,
    RequestKind,
    RequestState,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Inquiry,
    Assignment,
    Message,
    Attachment,
    InternalRequest,
    TextVersion,
    Decision,
    Deadline,
    TimelineEntry,
    ModelLogEntry,
    Notification,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def seeded(demo_data):
    return demo_data


def api(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_over_a_hundred_inquiries_in_every_state(seeded):
    states = list(Inquiry.objects.values_list("state", flat=True))

    assert len(states) >= 100
    assert set(states) == set(InquiryState.values)
    assert all(states.count(state) >= 5 for state in InquiryState.values)
    assert not Inquiry.objects.filter(state=InquiryState.NEW, coordinator__isnull=False).exists()


def test_cases_spread_over_four_months_with_kinds_priorities_and_units(seeded):
    inquiries = Inquiry.objects.all()
    oldest = inquiries.order_by("received_at").first().received_at

    assert (timezone.now() - oldest).days >= 90
    assert inquiries.values("kind").distinct().count() >= 4
    assert set(inquiries.values_list("priority", flat=True)) == {"low", "normal", "high", "urgent"}
    assert Assignment.objects.values("unit").distinct().count() >= 7
    assert Assignment.objects.filter(experts__isnull=False).exists()
    assert all(case.journalist_id and case.reply_to for case in inquiries)


def test_the_list_shows_time_left_in_every_colour(seeded):
    now = timezone.now()
    tones = {time_left(case.due_at, None, now).tone for case in Inquiry.objects.open()}

    assert {"ok", "soon", "overdue"} <= tones


def test_sla_history_late_answers_extensions_and_refusals(seeded):
    answered = list(Inquiry.objects.filter(answered_at__isnull=False))
    late = [case for case in answered if case.answered_at > case.due_at]
    assert len(answered) >= 30 and 0 < len(late) < len(answered) / 3
    assert all(case.received_at < case.answered_at <= timezone.now() for case in answered)

    extended = list(Inquiry.objects.filter(extended_due_at__isnull=False))
    assert len(extended) >= 3
    for case in extended:
        assert case.due_at == case.extended_due_at and case.extension_sent_at and case.extension_reason
        notice = case.messages.get(direction=Direction.OUTGOING, body__contains="art. 13 ust. 2")
        assert case.extended_due_at.astimezone(timezone.get_default_timezone()).strftime("%Y") in notice.body
    assert any(case.state == InquiryState.CLOSED and case.answered_at <= case.due_at for case in extended)

    refused = list(Inquiry.objects.exclude(refusal_number=""))
    assert len(refused) >= 1
    for case in refused:
        assert case.state == InquiryState.CLOSED and case.refusal_date and case.closed_at
        decision = case.attachments.get(is_refusal_decision=True)
        assert decision.file.read(5) == b"%PDF-"


def test_answers_have_versions_decisions_and_send_backs(seeded):
    for case in Inquiry.objects.filter(state__in=[InquiryState.SENT, InquiryState.CLOSED], refusal_number=""):
        versions = TextVersion.objects.of(case)
        assert versions.filter(state="sent").count() == 1, case
        sent = versions.get(state="sent")
        assert {d.stage for d in sent.decisions.filter(approved=True)} == {1, 2}
    returned = Decision.objects.filter(approved=False)
    assert {1, 2} <= set(returned.values_list("stage", flat=True))
    assert all(decision.comment for decision in returned)
    waiting = Inquiry.objects.filter(state=InquiryState.IN_APPROVAL_2)
    assert all(TextVersion.objects.of(case).first().stage == 2 for case in waiting)


def test_history_timeline_and_thread_are_consistent_and_dated_in_the_past(seeded):
    now = timezone.now()
    inquiry_type = ContentType.objects.get_for_model(Inquiry)
    for case in Inquiry.objects.exclude(state=InquiryState.NEW).exclude(state=InquiryState.WITHDRAWN):
        log = ModelLogEntry.objects.filter(content_type=inquiry_type, object_id=str(case.pk))
        moves = [entry.data["to"] for entry in log.filter(action="komunikat.transition").order_by("pk")]
        assert moves and moves[-1] == case.state, case
        assert all(case.received_at <= entry.timestamp <= now for entry in log), case
    on_timeline = TimelineEntry.objects.filter(kind=EntryKind.INQUIRY, content_type=inquiry_type)
    assert on_timeline.values("object_id").distinct().count() == Inquiry.objects.count()
    assert not TimelineEntry.objects.filter(occurred_at__gt=now).exists()
    directions = set(Message.objects.values_list("direction", flat=True))
    assert directions == {Direction.INCOMING, Direction.OUTGOING, Direction.NOTE}
    assert not Message.objects.filter(created_at__gt=now).exists()
    assert Deadline.objects.filter(escalated_at__isnull=False).exists()  # the sweep has run
    assert Deadline.objects.filter(key__startswith="unit:", met_at__isnull=False).exists()


def test_internal_requests_of_every_kind_in_several_states(seeded):
    requests = list(InternalRequest.objects.prefetch_related("targets"))

    assert len(requests) >= 20
    assert {r.kind for r in requests} == set(RequestKind.values)
    assert len({r.state for r in requests}) >= 4
    information = [r for r in requests if r.kind == RequestKind.INFORMATION]
    acknowledged = [t for r in information for t in r.targets.all() if t.acknowledged_at]
    assert acknowledged and any(t.acknowledged_at is None for r in information for t in r.targets.all())
    done = [r for r in requests if r.kind == RequestKind.CORRECTION and r.state == RequestState.DONE]
    assert done and all(r.correction_revision_id and r.page_id for r in done)
    drafted = [r for r in requests if r.kind == RequestKind.PUBLICATION and r.state == RequestState.ACCEPTED]
    assert drafted and all(r.page_id and not r.page.live for r in drafted)


def test_representatives_see_only_their_units_cases_in_the_api(seeded):
    representatives = Membership.objects.filter(user__groups__name=REPRESENTATIVES)
    assert {m.user.username for m in representatives} >= {"jan.lewandowski", "barbara.szymanska"}

    listed = api("jan.lewandowski").get("/api/v1/inquiries/", {"limit": 500}).json()["results"]
    mpk = Inquiry.objects.filter(assignments__unit__code="MPK").distinct()
    assert listed and {item["id"] for item in listed} == set(mpk.values_list("pk", flat=True))
    assert all("MPK" in [a["unit"] for a in item["assignments"]] for item in listed)

    other = Inquiry.objects.exclude(pk__in=mpk).first()
    assert api("jan.lewandowski").get(f"/api/v1/inquiries/{other.pk}/").status_code == 404
    everything = api("magdalena.wisniewska").get("/api/v1/inquiries/", {"limit": 500}).json()
    assert everything["count"] == Inquiry.objects.count()

    requests = api("jan.lewandowski").get("/api/v1/internal-requests/").json()["results"]
    assert requests and all(
        item["from_unit"] == "MPK" or "MPK" in [target["unit"] for target in item["units"]]
        for item in requests
    )


def test_no_e_mail_leaves_while_the_demo_loads(seeded):
    assert seeded == []
    assert Message.objects.filter(direction=Direction.OUTGOING).exclude(message_id="").exists()


def test_a_second_run_changes_nothing(seeded):
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == first
