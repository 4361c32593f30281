"""A media inquiry from arrival to the sent answer, through the API, with every refusal on the way."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms.sla.models import Deadline
from plugins.crm.models import EntryKind, Journalist, TimelineEntry
from plugins.inquiries.models import Inquiry
from tests.inquiry_helpers import open_case

pytestmark = pytest.mark.django_db


def api(user):
    client = Client()
    client.force_login(user)
    return client


def post(user, path, data=None):
    return api(user).post(path, data or {}, content_type="application/json")


def url(inquiry, step=""):
    return f"/api/v1/inquiries/{inquiry.pk}/" + (f"{step}/" if step else "")


def test_the_whole_case_from_question_to_sent_answer(desk, smtp_server, django_capture_on_commit_callbacks):
    created = post(
        desk.coordinator,
        "/api/v1/inquiries/",
        {
            "kind": desk.kind.pk,
            "priority": "urgent",
            "subject": "Remont ulicy Lipowej",
            "question": "Kiedy skończy się remont?",
            "journalist_name": "Anna Nowak",
            "journalist_email": "anna.nowak@gazeta.example",
            "outlet_name": "Gazeta Wierzbińska",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["number"].startswith(f"PR/{timezone.localdate().year}/")
    assert body["state"] == "new"
    journalist = Journalist.objects.get(emails__email="anna.nowak@gazeta.example")
    assert body["journalist"] == {"id": journalist.pk, "name": "Anna Nowak"}
    inquiry = Inquiry.objects.get(pk=body["id"])
    assert inquiry.policy.priority == "urgent"  # the 4 working hours preset
    assert inquiry.due_at <= inquiry.statutory_due_at

    assert (
        post(desk.coordinator, url(inquiry, "coordinator"), {"user": desk.coordinator.pk}).json()["state"]
        == "assigned"
    )
    due = (timezone.now() + datetime.timedelta(days=3)).isoformat()
    assigned = post(
        desk.coordinator, url(inquiry, "assign"), {"unit": "WGK", "due_at": due, "experts": [desk.expert.pk]}
    )
    assert assigned.status_code == 200, assigned.content
    assert (
        post(desk.coordinator, url(inquiry, "transition"), {"name": "ask_units"}).json()["state"]
        == "waiting_for_unit"
    )

    assert (
        post(
            desk.expert, url(inquiry, "contribute"), {"unit": "WGK", "text": "Do końca czerwca."}
        ).status_code
        == 200
    )
    assert Deadline.objects.get(key=f"unit:{desk.wgk.pk}").met_at is not None

    drafted = post(desk.expert, url(inquiry, "answer"), {"body": "Remont potrwa do końca czerwca."})
    assert drafted.status_code == 201, drafted.content
    assert post(desk.expert, url(inquiry, "submit")).json()["state"] == "in_approval_1"

    # The author cannot approve their own text; the press office head is not the stage 1 approver.
    assert post(desk.expert, url(inquiry, "approve")).status_code == 403
    assert post(desk.head, url(inquiry, "approve")).status_code == 403
    assert post(desk.unit_head, url(inquiry, "send-back")).status_code == 400  # a comment is required
    returned = post(desk.unit_head, url(inquiry, "send-back"), {"comment": "Podajmy kwotę."})
    assert returned.json()["state"] == "answer_drafted"

    post(
        desk.expert, url(inquiry, "answer"), {"body": "Remont potrwa do końca czerwca i kosztuje 2,4 mln zł."}
    )
    post(desk.expert, url(inquiry, "submit"))
    assert post(desk.coordinator, url(inquiry, "send")).status_code == 409  # not approved yet
    assert post(desk.unit_head, url(inquiry, "approve")).json()["state"] == "in_approval_2"
    assert post(desk.head, url(inquiry, "approve")).json()["state"] == "approved"

    with django_capture_on_commit_callbacks(execute=True):
        sent = post(desk.coordinator, url(inquiry, "send"))
    assert sent.status_code == 200, sent.content
    assert sent.json()["state"] == "sent"
    [mail] = smtp_server.to("anna.nowak@gazeta.example")
    assert "2,4 mln zł" in mail.get_content()
    assert mail["From"] == "biuro.prasowe@um.wierzbin.pl"
    assert f"[{inquiry.number}]" in mail["Subject"]

    versions = api(desk.coordinator).get(url(inquiry, "answer")).json()["versions"]
    assert [(v["number"], v["state"]) for v in versions] == [(2, "sent"), (1, "returned")]
    assert versions[1]["decisions"][0]["comment"] == "Podajmy kwotę."
    assert not Deadline.objects.of(inquiry).open().exists()

    assert post(desk.coordinator, url(inquiry, "transition"), {"name": "close"}).json()["state"] == "closed"
    transitions = ModelLogEntry.objects.for_instance(inquiry).filter(action="komunikat.transition")
    assert transitions.count() == 10  # assign, ask, draft, submit, back, submit, pass, approve, send, close
    timeline = TimelineEntry.objects.filter(journalist=journalist)
    assert timeline.filter(kind=EntryKind.INQUIRY).count() >= 2
    assert timeline.filter(kind=EntryKind.EMAIL_SENT).count() == 1


def test_refusals_change_nothing(desk):
    inquiry = open_case(desk)
    closing = post(desk.coordinator, url(inquiry, "transition"), {"name": "close"})
    assert closing.status_code == 409
    assert closing.json()["error"]["code"] == "refused"
    assert post(desk.mpk_rep, url(inquiry, "transition"), {"name": "withdraw"}).status_code == 404
    inquiry.refresh_from_db()
    assert inquiry.state == "new"

    early = post(
        desk.coordinator,
        "/api/v1/inquiries/",
        {
            "kind": desk.kind.pk,
            "subject": "Budżet",
            "question": "Ile?",
            "received_at": "2026-11-20T10:00:00+01:00",
            "media_deadline": "2026-11-19T10:00:00+01:00",
        },
    )
    assert early.status_code == 400
    assert "media_deadline" in early.json()["error"]["details"]
    assert Inquiry.objects.count() == 1

    assert (
        post(
            desk.expert, "/api/v1/inquiries/", {"kind": desk.kind.pk, "subject": "x", "question": "y"}
        ).status_code
        == 403
    )


def test_a_representative_sees_only_cases_of_their_unit(desk):
    ours = open_case(desk, subject="Rozkład jazdy tramwajów")
    theirs = open_case(desk, subject="Śmieci na Lipowej")
    from plugins.inquiries import cases

    cases.set_coordinator(ours, desk.coordinator, desk.coordinator)
    cases.assign_unit(
        ours, desk.mpk, user=desk.coordinator, due_at=timezone.now() + datetime.timedelta(days=2)
    )

    listing = api(desk.mpk_rep).get("/api/v1/inquiries/").json()
    assert [row["id"] for row in listing["results"]] == [ours.pk]
    assert api(desk.mpk_rep).get(url(theirs)).status_code == 404
    assert api(desk.mpk_rep).get(url(theirs, "messages")).status_code == 404
    assert api(desk.mpk_rep).get(f"/admin/plugins/inquiries/{theirs.pk}/").status_code == 404
    assert api(desk.mpk_rep).get(f"/admin/plugins/inquiries/{ours.pk}/").status_code == 200
    everything = api(desk.coordinator).get("/api/v1/inquiries/").json()
    assert {row["id"] for row in everything["results"]} == {ours.pk, theirs.pk}


def patch(user, path, data):
    return api(user).patch(path, data, content_type="application/json")


def test_details_units_and_the_journalists_reply_can_be_changed_and_noted(desk):
    inquiry = open_case(desk)
    statutory = inquiry.due_at
    changed = patch(
        desk.coordinator, url(inquiry), {"priority": "urgent", "subject": "Remont Lipowej: koszty"}
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["subject"] == "Remont Lipowej: koszty"
    assert Deadline.objects.of(inquiry).get(key="answer").due_at < statutory  # the urgent policy applies
    assert patch(desk.expert, url(inquiry), {"priority": "low"}).status_code == 404  # not their case

    post(desk.coordinator, url(inquiry, "coordinator"), {"user": desk.coordinator.pk})
    due = (timezone.now() + datetime.timedelta(days=3)).isoformat()
    post(desk.coordinator, url(inquiry, "assign"), {"unit": "MPK", "due_at": due})
    assert Deadline.objects.of(inquiry).filter(key=f"unit:{desk.mpk.pk}").exists()
    assert api(desk.mpk_rep).get(url(inquiry)).status_code == 200
    assert patch(desk.mpk_rep, url(inquiry), {"priority": "low"}).status_code == 403  # sees, cannot edit
    assert post(desk.coordinator, url(inquiry, "unassign"), {"unit": "MPK"}).json()["assignments"] == []
    assert not Deadline.objects.of(inquiry).filter(key=f"unit:{desk.mpk.pk}").exists()
    assert api(desk.mpk_rep).get(url(inquiry)).status_code == 404

    wgk = {"unit": "WGK", "due_at": due, "experts": [desk.expert.pk]}
    post(desk.coordinator, url(inquiry, "assign"), wgk)
    reply = {"direction": "incoming", "body": "Dzwoniła redakcja: prosi też o zdjęcia."}
    assert post(desk.expert, url(inquiry, "messages"), reply).status_code == 403  # the press office notes it
    assert post(desk.coordinator, url(inquiry, "messages"), reply).json()["direction"] == "incoming"
    received = TimelineEntry.objects.filter(journalist=inquiry.journalist, kind=EntryKind.EMAIL_RECEIVED)
    assert received.get().body == "Dzwoniła redakcja: prosi też o zdjęcia."


def test_drafting_suggests_narratives_on_the_inquirys_topic(desk, make_narrative, narrative_index):
    from cms.core.models import Topic

    position = make_narrative("Harmonogram remontów ulic 2026", topics=["drogi"])
    make_narrative("Stanowisko w sprawie podatków", topics=["budzet"])
    narrative_index()
    inquiry = open_case(desk, topics=[Topic.objects.get(slug="drogi")])
    suggestions = api(desk.coordinator).get(url(inquiry, "answer")).json()["suggestions"]
    assert [s["id"] for s in suggestions] == [position.pk]


def test_quoting_an_expired_narrative_needs_a_confirmation(desk, make_narrative):
    expired = make_narrative("Stanowisko w sprawie opłat za wywóz śmieci", expires_at=timezone.localdate())
    inquiry = open_case(desk)
    post(desk.coordinator, url(inquiry, "coordinator"), {"user": desk.coordinator.pk})
    draft = {"body": "Opłaty nie wzrosną.", "narratives": [expired.pk]}
    refused = post(desk.coordinator, url(inquiry, "answer"), draft)
    assert refused.status_code == 400
    assert "Stanowisko w sprawie opłat" in refused.json()["error"]["message"]
    assert api(desk.coordinator).get(url(inquiry, "answer")).json()["versions"] == []

    confirmed = post(desk.coordinator, url(inquiry, "answer"), {**draft, "confirm_unverified": True})
    assert confirmed.status_code == 201
    assert list(inquiry.quoted_narratives.all()) == [expired]
