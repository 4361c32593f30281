"""E-mail intake against the real IMAP server (Dovecot from scripts/services.sh) and the real SMTP server.

Each test appends e-mails to its own folder of the test mailbox with IMAP APPEND,
points the desk's IMAP settings at it and polls, as the scheduled job does.
"""

import imaplib
import os
import time
import uuid
from email import policy
from email.message import EmailMessage
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from plugins.crm import directory
from plugins.crm.models import Journalist
from plugins.inquiries import cases, jobs
from plugins.inquiries.mail import quarantine
from plugins.inquiries.models import Direction, Inquiry, QuarantinedMail, Visibility

IMAP_VARIABLES = [f"KOMUNIKAT_TEST_IMAP_{name}" for name in ("HOST", "PORT", "USER", "PASSWORD")]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not all(os.environ.get(name) for name in IMAP_VARIABLES),
        reason="no test IMAP server (KOMUNIKAT_TEST_IMAP_*): run `scripts/services.sh up && . .services/env`",
    ),
]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def imap():
    client = imaplib.IMAP4(
        os.environ["KOMUNIKAT_TEST_IMAP_HOST"], int(os.environ["KOMUNIKAT_TEST_IMAP_PORT"])
    )
    client.login(os.environ["KOMUNIKAT_TEST_IMAP_USER"], os.environ["KOMUNIKAT_TEST_IMAP_PASSWORD"])
    return client


@pytest.fixture
def press_mailbox(monkeypatch, attachment_storage):
    """A fresh folder of the test mailbox that the desk polls; ``deliver(raw)`` appends an e-mail to it."""
    folder = f"komunikat-test-{uuid.uuid4().hex[:12]}"
    client = imap()
    assert client.create(folder)[0] == "OK"
    for name in ("HOST", "PORT", "USER", "PASSWORD"):
        monkeypatch.setenv(f"KOMUNIKAT_INQUIRIES_IMAP_{name}", os.environ[f"KOMUNIKAT_TEST_IMAP_{name}"])
    monkeypatch.setenv("KOMUNIKAT_INQUIRIES_IMAP_SSL", "false")
    monkeypatch.setenv("KOMUNIKAT_INQUIRIES_IMAP_MAILBOX", folder)

    def deliver(raw):
        status, _data = client.append(folder, None, imaplib.Time2Internaldate(time.time()), raw)
        assert status == "OK"
        return raw

    def search(criterion):
        client.select(folder)
        found = client.uid("SEARCH", None, criterion)[1][0].split()
        client.close()
        return found

    def mark_unread():
        """As if a poll had stopped before marking what it took in."""
        client.select(folder)
        client.uid("STORE", "1:*", "-FLAGS", r"(\Seen)")
        client.close()

    yield SimpleNamespace(
        folder=folder,
        deliver=deliver,
        unread=lambda: len(search("UNSEEN")),
        count=lambda: len(search("ALL")),
        mark_unread=mark_unread,
    )
    client.delete(folder)
    client.logout()


def poll():
    """``manage.py poll_mailbox``, in English (the reasons it stores too)."""
    out = StringIO()
    with translation.override("en"):
        call_command("poll_mailbox", stdout=out)
    return out.getvalue().strip()


def mail(subject, body, *, sender="Anna Nowak <anna.nowak@gazeta.example>", html=None, files=(), **headers):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "biuro.prasowe@um.wierzbin.pl"
    message["Subject"] = subject
    message["Date"] = "Mon, 23 Nov 2026 09:15:00 +0100"
    message["Message-ID"] = headers.pop("message_id", f"<{uuid.uuid4().hex}@gazeta.example>")
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    if body is not None:
        message.set_content(body)
    if html is not None:
        if body is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for name, data, maintype, subtype in files:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes(policy=policy.SMTP)


def admin(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_new_question_becomes_an_inquiry_of_the_known_journalist_with_its_attachment(press_mailbox):
    known = directory.add_journalist(
        "Anna Nowak", "anna.nowak@gazeta.example", source="test", outlet=directory.outlet_named("Gazeta")
    )
    raw = mail(
        "Remont ulicy Lipowej",
        "Dzień dobry, kiedy skończy się remont ulicy Lipowej?\nAnna Nowak",
        sender="Anna Nowak <Anna.Nowak@Gazeta.example>",
        files=[("pytania.pdf", PDF, "application", "pdf")],
        message_id="<pytanie-1@gazeta.example>",
    )
    press_mailbox.deliver(raw)

    assert poll().startswith("1 new case, 0 replies threaded, 0 quarantined")
    inquiry = Inquiry.objects.get()
    assert inquiry.subject == "Remont ulicy Lipowej"
    assert "kiedy skończy się remont" in inquiry.question
    assert (inquiry.journalist, inquiry.outlet.name) == (known, "Gazeta")
    assert (inquiry.channel, inquiry.kind.name, inquiry.state) == ("email", "Pytanie e-mailowe", "new")
    assert inquiry.message_id == "<pytanie-1@gazeta.example>"
    assert inquiry.reply_to == "Anna.Nowak@Gazeta.example"
    assert inquiry.due_at is not None
    [attachment] = inquiry.attachments.all()
    assert (attachment.name, attachment.content_type) == ("pytania.pdf", "application/pdf")
    with attachment.file.open("rb") as handle:
        assert handle.read() == PDF
    assert Journalist.objects.count() == 1
    # The e-mail stays in the mailbox, read.
    assert (press_mailbox.count(), press_mailbox.unread()) == (1, 0)

    assert poll().startswith("0 new cases")
    press_mailbox.mark_unread()  # a poll cut short before marking: nothing is taken in twice
    assert poll() == "0 new cases, 0 replies threaded, 0 quarantined, 1 taken in before"
    assert Inquiry.objects.count() == 1
    assert press_mailbox.unread() == 0


def test_an_unknown_sender_is_added_to_the_crm_and_an_html_only_e_mail_is_read_as_text(press_mailbox):
    press_mailbox.deliver(
        mail(
            "Pytanie o budżet",
            None,
            sender="Jan Kowalski <jan@radio.example>",
            html="<html><head><style>p {color: red}</style></head><body><p>Ile kosztuje remont?</p>"
            "<p>Pozdrawiam,<br>Jan&nbsp;Kowalski</p><script>alert(1)</script></body></html>",
        )
    )
    assert poll().startswith("1 new case")
    inquiry = Inquiry.objects.get()
    assert inquiry.question == "Ile kosztuje remont?\n\nPozdrawiam,\nJan Kowalski"
    assert inquiry.journalist.full_name == "Jan Kowalski"
    assert inquiry.journalist.primary_email == "jan@radio.example"


def test_raw_utf8_headers_and_a_text_in_an_undeclared_charset_are_read(press_mailbox):
    press_mailbox.deliver(
        "From: Jan Żółtowski <jan@tygodnik.example>\r\nSubject: Żłobek przy Wiśniowej\r\n"
        "Message-ID: <zlobek@tygodnik.example>\r\n\r\nCzy żłobek będzie otwarty w sierpniu?\r\n".encode()
    )
    press_mailbox.deliver(
        b"From: ola@radio.example\r\nSubject: Pytanie\r\nMessage-ID: <cp1250@radio.example>\r\n\r\n"
        + "Gdzie stanie nowy żłobek?\r\n".encode("cp1250")
    )
    assert poll().startswith("2 new cases")
    first = Inquiry.objects.get(message_id="<zlobek@tygodnik.example>")
    assert (first.subject, first.question) == (
        "Żłobek przy Wiśniowej",
        "Czy żłobek będzie otwarty w sierpniu?",
    )
    assert first.journalist.full_name == "Jan Żółtowski"
    assert Inquiry.objects.get(message_id="<cp1250@radio.example>").question == "Gdzie stanie nowy żłobek?"


def test_the_journalists_reply_to_the_sent_answer_is_threaded_into_its_case(desk, press_mailbox, smtp_server):
    press_mailbox.deliver(mail("Remont ulicy Lipowej", "Kiedy koniec remontu?"))
    poll()
    inquiry = Inquiry.objects.get()
    cases.add_message(
        inquiry, user=desk.coordinator, body="Remont potrwa do czerwca.", visibility=Visibility.EXTERNAL
    )
    [answer] = smtp_server.to("anna.nowak@gazeta.example")
    assert answer["In-Reply-To"] == inquiry.message_id

    press_mailbox.deliver(
        mail(
            "Re: odpowiedź",  # no case number: found by the headers alone
            "Dziękuję. A ile to kosztuje?",
            In_Reply_To=answer["Message-ID"],
            References=f"{inquiry.message_id} {answer['Message-ID']}",
            message_id="<odpowiedz-2@gazeta.example>",
        )
    )
    assert poll().startswith("0 new cases, 1 reply threaded, 0 quarantined")
    assert Inquiry.objects.count() == 1
    reply = inquiry.messages.get(direction=Direction.INCOMING)
    assert reply.body == "Dziękuję. A ile to kosztuje?"
    assert (reply.message_id, reply.in_reply_to) == ("<odpowiedz-2@gazeta.example>", answer["Message-ID"])
    assert reply.from_address == "anna.nowak@gazeta.example"
    assert reply.visibility == Visibility.EXTERNAL


def test_a_reply_is_threaded_by_references_alone_or_by_the_case_number_in_the_subject(desk, press_mailbox):
    first = cases.open_inquiry(
        user=desk.coordinator,
        kind=desk.kind,
        subject="Remont",
        question="Kiedy?",
        journalist_email="anna.nowak@gazeta.example",
        message_id="<pierwsze@gazeta.example>",
    )
    second = cases.open_inquiry(
        user=desk.coordinator,
        kind=desk.kind,
        subject="Budżet",
        question="Ile?",
        journalist_email="anna.nowak@gazeta.example",
    )
    press_mailbox.deliver(
        mail(
            "Uzupełnienie",
            "Jeszcze jedno pytanie.",
            References="<obce@inny.example> <pierwsze@gazeta.example>",
        )
    )
    press_mailbox.deliver(mail(f"Odp: Budżet [{second.number}]", "A w przyszłym roku?"))
    press_mailbox.deliver(mail("Odp: sprawa PR/1999/000001", "Nie ma takiej sprawy."))
    # The number alone does not let a stranger write into someone else's case.
    press_mailbox.deliver(mail(f"Re: [{second.number}]", "Podszywam się.", sender="obcy@spam.example"))

    assert poll().startswith("2 new cases, 2 replies threaded, 0 quarantined")
    assert first.messages.get().body == "Jeszcze jedno pytanie."
    assert second.messages.get().body == "A w przyszłym roku?"
    assert Inquiry.objects.filter(subject="Odp: sprawa PR/1999/000001").exists()
    assert Inquiry.objects.filter(subject=f"Re: [{second.number}]").exists()


def test_what_cannot_be_taken_in_is_quarantined_with_the_reason_and_nothing_is_lost(
    press_mailbox, monkeypatch
):
    monkeypatch.setenv("KOMUNIKAT_INQUIRIES_ATTACHMENT_MAX_MB", "1")
    oversize = press_mailbox.deliver(
        mail(
            "Zdjęcia z konferencji",
            "W załączniku duży plik.",
            files=[("duzy.pdf", PDF + b"0" * (1024 * 1024 + 1), "application", "pdf")],
        )
    )
    cut_short = press_mailbox.deliver(
        b"From: anna.nowak@gazeta.example\r\nSubject: Urwana\r\nMessage-ID: <urwana@gazeta.example>\r\n"
        b"Content-Type: multipart/mixed; boundary=XYZ\r\n\r\n"
        b"--XYZ\r\nContent-Type: text/plain\r\n\r\nPocz\r\n"
    )
    garbage = press_mailbox.deliver(b"to nie jest e-mail\r\ntylko tekst\r\n")
    fake_pdf = press_mailbox.deliver(
        mail("Dokument", "Proszę o opinię.", files=[("umowa.pdf", b"MZ not a pdf", "application", "pdf")])
    )
    away = press_mailbox.deliver(
        mail("Nieobecność", "Jestem na urlopie do poniedziałku.", Auto_Submitted="auto-replied")
    )
    bounce = press_mailbox.deliver(
        mail("Undelivered Mail Returned to Sender", "...", sender="MAILER-DAEMON@gazeta.example")
    )

    assert poll() == "0 new cases, 0 replies threaded, 6 quarantined"
    assert not Inquiry.objects.exists()
    kept = {quarantine.read(item): item for item in QuarantinedMail.objects.all()}
    assert set(kept) == {oversize, cut_short, garbage, fake_pdf, away, bounce}  # every byte kept
    assert "duzy.pdf" in kept[oversize].reason
    assert "damaged" in kept[cut_short].reason
    assert "no headers" in kept[garbage].reason
    assert "umowa.pdf" in kept[fake_pdf].reason
    assert "auto-replied" in kept[away].reason
    assert "MAILER-DAEMON@gazeta.example" in kept[bounce].reason
    assert (kept[oversize].sender, kept[oversize].subject) == (
        "anna.nowak@gazeta.example",
        "Zdjęcia z konferencji",
    )
    assert all(item.mailbox == press_mailbox.folder and item.uid for item in kept.values())

    press_mailbox.mark_unread()
    assert poll().endswith("0 quarantined, 6 taken in before")
    assert QuarantinedMail.objects.count() == 6


def test_the_quarantine_is_the_press_offices_to_see_retry_take_in_anyway_or_discard(
    desk, press_mailbox, monkeypatch
):
    monkeypatch.setenv("KOMUNIKAT_INQUIRIES_ATTACHMENT_MAX_MB", "1")
    press_mailbox.deliver(
        mail(
            "Nagranie z sesji",
            "Przesyłam plik.",
            files=[("nagranie.pdf", PDF + b"0" * (1024 * 1024 + 1), "application", "pdf")],
        )
    )
    press_mailbox.deliver(mail("Nieobecność", "Wracam w poniedziałek.", Auto_Submitted="auto-replied"))
    press_mailbox.deliver(mail("Spam", "Kup teraz!", X_Autoreply="yes"))
    poll()
    large, away, spam = (
        QuarantinedMail.objects.get(subject=s) for s in ("Nagranie z sesji", "Nieobecność", "Spam")
    )

    index = reverse("inquiries:quarantine")
    listing = admin(desk.coordinator).get(index)
    assert listing.status_code == 200
    assert [item.pk for item in listing.context["page_obj"]] == [spam.pk, away.pk, large.pk]  # newest first
    assert "nagranie.pdf" in listing.content.decode()
    page = admin(desk.coordinator).get(reverse("inquiries:quarantine_detail", args=[large.pk]))
    assert page.status_code == 200
    assert "Przesyłam plik." in page.content.decode()
    assert ("Subject", "Nagranie z sesji") in page.context["headers"]
    original = admin(desk.head).get(reverse("inquiries:quarantine_original", args=[large.pk]))
    assert b"".join(original.streaming_content) == quarantine.read(large)

    for outsider in (desk.mpk_rep, desk.expert):
        client = admin(outsider)
        assert client.get(index).status_code == 404
        for name, pk in [("detail", large.pk), ("original", large.pk), ("discard", spam.pk)]:
            assert client.get(reverse(f"inquiries:quarantine_{name}", args=[pk])).status_code == 404
        for name in ("retry", "anyway", "discard"):
            assert client.post(reverse(f"inquiries:quarantine_{name}", args=[spam.pk])).status_code == 404
    assert index not in admin(desk.mpk_rep).get("/admin/").content.decode()
    assert index in admin(desk.coordinator).get("/admin/").content.decode()

    # Still too large: the retry changes nothing and says why.
    retry = admin(desk.coordinator).post(reverse("inquiries:quarantine_retry", args=[large.pk]))
    assert retry.status_code == 302
    assert not Inquiry.objects.exists()
    monkeypatch.setenv("KOMUNIKAT_INQUIRIES_ATTACHMENT_MAX_MB", "5")
    retry = admin(desk.coordinator).post(reverse("inquiries:quarantine_retry", args=[large.pk]))
    assert retry.status_code == 302
    inquiry = Inquiry.objects.get()
    assert [a.name for a in inquiry.attachments.all()] == ["nagranie.pdf"]
    assert inquiry.created_by == desk.coordinator
    large.refresh_from_db()
    assert (large.inquiry, large.resolved_by) == (inquiry, desk.coordinator)
    assert ModelLogEntry.objects.for_instance(large).get().action == quarantine.RELEASE

    anyway = admin(desk.coordinator).post(reverse("inquiries:quarantine_anyway", args=[away.pk]))
    assert anyway.status_code == 302
    away.refresh_from_db()
    assert away.inquiry.question == "Wracam w poniedziałek."

    confirm = admin(desk.coordinator).get(reverse("inquiries:quarantine_discard", args=[spam.pk]))
    assert confirm.status_code == 200
    assert QuarantinedMail.objects.get(pk=spam.pk).resolved_at is None  # asking changes nothing
    admin(desk.coordinator).post(reverse("inquiries:quarantine_discard", args=[spam.pk]))
    spam.refresh_from_db()
    assert (spam.resolved_by, spam.inquiry, bool(spam.raw)) == (desk.coordinator, None, False)
    assert ModelLogEntry.objects.for_instance(spam).get().action == quarantine.DISCARD

    assert list(admin(desk.coordinator).get(index).context["page_obj"]) == []
    dealt_with = admin(desk.coordinator).get(index, {"resolved": "1"}).context["page_obj"]
    assert {item.pk for item in dealt_with} == {large.pk, away.pk, spam.pk}
    assert Inquiry.objects.count() == 2


def test_the_scheduled_job_polls_only_a_configured_mailbox(press_mailbox, monkeypatch):
    press_mailbox.deliver(mail("Pytanie", "Treść pytania."))
    monkeypatch.setenv("KOMUNIKAT_INQUIRIES_IMAP_HOST", "")
    jobs.poll_mailbox()
    assert not Inquiry.objects.exists()
    assert press_mailbox.unread() == 1
    monkeypatch.setenv("KOMUNIKAT_INQUIRIES_IMAP_HOST", os.environ["KOMUNIKAT_TEST_IMAP_HOST"])
    jobs.poll_mailbox()
    assert Inquiry.objects.get().subject == "Pytanie"


def test_a_signed_e_mail_is_taken_in_without_its_signature(press_mailbox):
    press_mailbox.deliver(
        mail(
            "Pytanie o budżet",
            "Ile kosztuje remont?",
            files=[("smime.p7s", b"0\x82\x05\x1a signature", "application", "pkcs7-signature")],
        )
    )
    assert poll().startswith("1 new case, 0 replies threaded, 0 quarantined")
    inquiry = Inquiry.objects.get(subject="Pytanie o budżet")
    assert not inquiry.attachments.exists()
