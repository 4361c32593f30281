"""The inquiry desk in the admin: a whole case through the forms, refusals that keep the input, the list."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.approvals.models import TextVersion
from plugins.inquiries import cases
from plugins.inquiries.models import Inquiry, InquiryKind
from tests.inquiry_helpers import open_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 harmonogram remontu"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def act(user, inquiry, step, data=None, **kwargs):
    return client_for(user).post(reverse("inquiries:act", args=[inquiry.pk, step]), data or {}, **kwargs)


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def test_a_case_from_the_phone_call_to_the_sent_answer(desk, smtp_server):
    coordinator = client_for(desk.coordinator)
    form = coordinator.get(reverse("inquiries:new"))
    assert form.status_code == 200
    assert "Register the inquiry" in form.content.decode() or "Zarejestruj" in form.content.decode()

    created = coordinator.post(
        reverse("inquiries:new"),
        {
            "kind": desk.kind.pk,
            "priority": "high",
            "subject": "Wycinka drzew przy ul. Parkowej",
            "question": "Ile drzew zostanie wyciętych i dlaczego?",
            "channel": "phone",
            "received_at": local(timezone.now()),
            "journalist_name": "Jan Kowalczyk",
            "journalist_email": "jan.kowalczyk@radio.example",
            "outlet_name": "Radio Wierzbin",
            "coordinator": desk.coordinator.pk,
            "attachments": [SimpleUploadedFile("mapa.pdf", PDF, content_type="application/pdf")],
        },
    )
    inquiry = Inquiry.objects.get(subject="Wycinka drzew przy ul. Parkowej")
    assert created.status_code == 302 and created.url == reverse("inquiries:case", args=[inquiry.pk])
    assert inquiry.state == "assigned" and inquiry.coordinator == desk.coordinator
    assert str(inquiry.journalist) == "Jan Kowalczyk" and inquiry.channel == "phone"
    assert inquiry.attachments.get().name == "mapa.pdf"

    case_page = coordinator.get(reverse("inquiries:case", args=[inquiry.pk])).content.decode()
    assert '<optgroup label="Wydział Gospodarki Komunalnej (WGK)">' in case_page  # experts grouped by unit

    due = local(timezone.now() + datetime.timedelta(days=2))
    response = act(
        desk.coordinator, inquiry, "assign", {"unit": desk.wgk.pk, "experts": [desk.expert.pk], "due_at": due}
    )
    assert response.status_code == 302
    response = act(
        desk.expert,
        inquiry,
        "contribute",
        {"assignment": inquiry.assignments.get().pk, "text": "Wytniemy 12 chorych drzew."},
    )
    assert response.status_code == 302
    assert act(desk.expert, inquiry, "draft", {"body": "Wytniemy 12 drzew, posadzimy 40."}).status_code == 302
    assert act(desk.expert, inquiry, "submit").status_code == 302
    page = client_for(desk.unit_head).get(reverse("inquiries:case", args=[inquiry.pk])).content.decode()
    assert reverse("inquiries:act", args=[inquiry.pk, "approve"]) in page
    assert act(desk.unit_head, inquiry, "approve").status_code == 302
    assert act(desk.head, inquiry, "approve", {"comment": "Dobrze."}).status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.state == "approved"

    assert act(desk.coordinator, inquiry, "send").status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.state == "sent" and inquiry.answered_at is not None
    [mail] = smtp_server.to("jan.kowalczyk@radio.example")
    assert "posadzimy 40" in mail.get_content()
    page = coordinator.get(reverse("inquiries:case", args=[inquiry.pk])).content.decode()
    assert "posadzimy 40" in page and "Dobrze." in page


def test_a_refused_step_keeps_what_was_typed_and_changes_nothing(desk):
    inquiry = open_case(desk, coordinator=desk.coordinator)
    cases.assign_unit(
        inquiry, desk.wgk, user=desk.coordinator, due_at=timezone.now() + datetime.timedelta(days=1)
    )
    act(desk.expert, inquiry, "draft", {"body": "Pierwsza wersja."})
    act(desk.expert, inquiry, "submit")

    own = act(desk.expert, inquiry, "approve")  # the author approving their own text
    assert own.status_code == 403
    assert "Nobody approves their own text" in own.content.decode() or "własnego" in own.content.decode()

    back = act(desk.unit_head, inquiry, "send_back", {"comment": "   "})
    assert back.status_code == 400
    assert "Say what has to change" in back.content.decode() or "co należy zmienić" in back.content.decode()
    assert TextVersion.objects.of(inquiry).get().state == "in_approval"

    early = act(desk.coordinator, inquiry, "send")
    assert early.status_code == 409
    inquiry.refresh_from_db()
    assert inquiry.state == "in_approval_1"

    reopen = act(desk.coordinator, inquiry, "transition", {"name": "reopen", "comment": "Pomyłka"})
    assert reopen.status_code == 409
    inquiry.refresh_from_db()
    assert inquiry.state == "in_approval_1"

    fresh = open_case(desk, coordinator=desk.coordinator)
    no_units = act(desk.coordinator, fresh, "transition", {"name": "ask_units", "comment": "Pilne"})
    assert no_units.status_code == 409
    page = no_units.content.decode()
    assert 'value="Pilne"' in page  # the comment is still in the form, with the reason
    assert "Assign at least one unit first." in page or "Przydziel" in page

    deadline = act(
        desk.coordinator,
        inquiry,
        "assign",
        {"unit": desk.mpk.pk, "due_at": "", "instructions": "Proszę o dane o kursach."},
    )
    assert deadline.status_code == 400
    assert "Proszę o dane o kursach." in deadline.content.decode()
    assert not inquiry.assignments.filter(unit=desk.mpk).exists()


def test_extension_notice_and_refusal_from_the_case_page(desk, smtp_server):
    inquiry = open_case(desk, coordinator=desk.coordinator)
    new_due = timezone.now() + datetime.timedelta(days=30)
    response = act(
        desk.coordinator,
        inquiry,
        "extend",
        {"new_due": local(new_due), "reason": "Dane zbiera trzech wykonawców."},
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.extended_due_at is not None and inquiry.extension_sent_at is not None
    assert smtp_server.to("anna.nowak@gazeta.example")

    too_late = act(
        desk.coordinator,
        inquiry,
        "extend",
        {"new_due": local(timezone.now() + datetime.timedelta(days=90)), "reason": "Za długo."},
    )
    assert too_late.status_code == 400

    refusal = act(
        desk.coordinator,
        inquiry,
        "refuse",
        {
            "number": "BP.1431.7.2026",
            "decided_on": timezone.localdate().isoformat(),
            "document": SimpleUploadedFile("decyzja.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert refusal.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.state == "closed" and inquiry.refusal_number == "BP.1431.7.2026"
    decision = inquiry.attachments.get(is_refusal_decision=True)
    download = client_for(desk.head).get(reverse("inquiries:attachment", args=[decision.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_the_list_filters_searches_and_exports(desk):
    urgent = InquiryKind.objects.get(name="Prośba o nagranie")
    lamp = open_case(desk, subject="Latarnie na Zielonej", priority="urgent", kind=urgent)
    bus = open_case(desk, subject="Rozkład linii 7", coordinator=desk.coordinator)
    cases.assign_unit(
        bus, desk.mpk, user=desk.coordinator, due_at=timezone.now() + datetime.timedelta(days=1)
    )
    Inquiry.objects.filter(pk=lamp.pk).update(due_at=timezone.now() - datetime.timedelta(hours=1))
    client = client_for(desk.coordinator)

    def listed(**params):
        page = client.get(reverse("inquiries:index"), params).content.decode()
        return {i.subject for i in (lamp, bus) if i.subject in page}

    assert listed() == {"Latarnie na Zielonej", "Rozkład linii 7"}
    assert listed(state="assigned") == {"Rozkład linii 7"}
    assert listed(priority="urgent") == {"Latarnie na Zielonej"}
    assert listed(kind=urgent.pk) == {"Latarnie na Zielonej"}
    assert listed(unit=desk.mpk.pk) == {"Rozkład linii 7"}
    assert listed(coordinator=desk.coordinator.pk) == {"Rozkład linii 7"}
    assert listed(overdue="true") == {"Latarnie na Zielonej"}
    assert listed(q="linii") == {"Rozkład linii 7"}

    export = client.get(reverse("inquiries:index"), {"export": "csv", "priority": "urgent"})
    assert export.status_code == 200
    rows = b"".join(export.streaming_content).decode().splitlines()
    assert len(rows) == 2 and "Latarnie na Zielonej" in rows[1]


def test_another_units_representative_reaches_nothing_of_the_case(desk):
    wgk_case = open_case(desk, subject="Remont ul. Lipowej", coordinator=desk.coordinator)
    cases.assign_unit(
        wgk_case, desk.wgk, user=desk.coordinator, due_at=timezone.now() + datetime.timedelta(days=1)
    )
    message = cases.add_message(wgk_case, user=desk.coordinator, body="Mapa", files=[("mapa.pdf", PDF)])
    attachment = message.attachments.get()
    mpk = client_for(desk.mpk_rep)

    assert "Remont ul. Lipowej" not in mpk.get(reverse("inquiries:index")).content.decode()
    assert "Remont ul. Lipowej" not in mpk.get(reverse("inquiries:index"), {"q": "Lipowej"}).content.decode()
    export = b"".join(mpk.get(reverse("inquiries:index"), {"export": "csv"}).streaming_content).decode()
    assert "Lipowej" not in export
    assert mpk.get(reverse("inquiries:case", args=[wgk_case.pk])).status_code == 404
    assert mpk.get(reverse("inquiries:attachment", args=[attachment.pk])).status_code == 404
    assert act(desk.mpk_rep, wgk_case, "message", {"body": "Hej"}).status_code == 404
    assert mpk.get(reverse("inquiries:edit", args=[wgk_case.pk])).status_code in (302, 403, 404)
    assert mpk.get(reverse("inquiries:new")).status_code in (302, 403)

    expert = client_for(desk.expert)
    assert "Remont ul. Lipowej" in expert.get(reverse("inquiries:index")).content.decode()
    download = expert.get(reverse("inquiries:attachment", args=[attachment.pk]))
    assert download.status_code == 200


def test_details_change_moves_the_deadline(desk):
    inquiry = open_case(desk, coordinator=desk.coordinator)
    before = inquiry.due_at
    response = client_for(desk.coordinator).post(
        reverse("inquiries:edit", args=[inquiry.pk]),
        {
            "kind": desk.kind.pk,
            "priority": "urgent",
            "subject": inquiry.subject,
            "question": inquiry.question,
            "channel": "email",
            "received_at": local(inquiry.received_at),
            "reply_to": "anna.nowak@gazeta.example",
        },
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.priority == "urgent" and inquiry.due_at < before


def test_the_dashboard_shows_each_role_its_work(desk):
    inquiry = open_case(desk, subject="Budżet obywatelski 2027", coordinator=desk.coordinator)
    cases.assign_unit(
        inquiry,
        desk.wgk,
        user=desk.coordinator,
        due_at=timezone.now() + datetime.timedelta(days=1),
        experts=[desk.expert],
    )
    open_case(desk, subject="Nowe pytanie bez koordynatora")

    coordinator = client_for(desk.coordinator).get(reverse("wagtailadmin_home")).content.decode()
    assert "Budżet obywatelski 2027" in coordinator and "Nowe pytanie bez koordynatora" in coordinator
    expert = client_for(desk.expert).get(reverse("wagtailadmin_home")).content.decode()
    assert "Budżet obywatelski 2027" in expert and "Nowe pytanie bez koordynatora" not in expert
    assert (
        "Budżet obywatelski 2027"
        not in client_for(desk.mpk_rep).get(reverse("wagtailadmin_home")).content.decode()
    )

    act(desk.expert, inquiry, "draft", {"body": "Projekt odpowiedzi."})
    act(desk.expert, inquiry, "submit")
    case_link = reverse("inquiries:case", args=[inquiry.pk])
    head_of_unit = client_for(desk.unit_head).get(reverse("wagtailadmin_home")).content.decode()
    assert case_link in head_of_unit
    assert case_link not in client_for(desk.head).get(reverse("wagtailadmin_home")).content.decode()

    act(desk.unit_head, inquiry, "approve")  # stage 2 now: the press office head's turn
    assert case_link in client_for(desk.head).get(reverse("wagtailadmin_home")).content.decode()


def test_policies_are_set_in_the_admin_by_the_head_only(desk):
    head = client_for(desk.head)
    listing = head.get(reverse("inquiries_policy:index"))
    assert listing.status_code == 200 and "14" in listing.content.decode()
    created = head.post(
        reverse("inquiries_policy:add"),
        {
            "name": "Wywiad – tydzień",
            "kind": InquiryKind.objects.get(name="Prośba o wywiad").pk,
            "priority": "low",
            "amount": 5,
            "unit": "working_days",
            "remind_before_hours": 8,
            "active": "on",
        },
    )
    assert created.status_code == 302
    assert client_for(desk.mpk_rep).get(reverse("inquiries_policy:add")).status_code == 302  # no permission


def test_the_export_never_runs_a_formula_and_shows_local_time(desk):
    open_case(desk, subject='=HYPERLINK("http://zly.example","kliknij")')
    client = client_for(desk.coordinator)
    export = client.get(reverse("inquiries:index"), {"export": "csv"})
    text = b"".join(export.streaming_content).decode()
    assert "'=HYPERLINK" in text
    received = timezone.localtime(Inquiry.objects.get().received_at).strftime("%Y-%m-%d %H:%M")
    assert received in text and "+00:00" not in text
