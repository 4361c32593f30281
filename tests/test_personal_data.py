"""Personal data (RODO): the registry, the export command, the CRM's export and erasure, review notices."""

import datetime
import io
import json
import zipfile

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry, Page

from cms.notifications.models import Notification
from cms.personal_data.registry import PersonalDataSource, register
from cms.plugin_api import migrations as roles
from plugins.crm import audit
from plugins.crm.models import (
    DistributionList,
    EntryKind,
    Journalist,
    JournalistPhone,
    JournalistSocialProfile,
    Mailing,
    MailingRecipient,
    Task,
    TimelineAttachment,
    TimelineEntry,
)
from plugins.crm.personal_data import review_sweep
from plugins.crm.timeline import record
from tests.crm_contact_helpers import journalist, outlet

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("attachment_storage")]

SURNAME = "Zielonka"
ADDRESS = "Anna.Zielonka@gazeta-wierzbin.pl"


@pytest.fixture
def head(make_user):
    return make_user("szefowa", groups=[roles.MODERATORS], email="szefowa@um.wierzbin.pl")


@pytest.fixture
def coordinator(make_user):
    return make_user("koordynator", groups=[roles.COORDINATORS])


@pytest.fixture
def anna(coordinator):
    """A journalist with everything the CRM holds about a person."""
    person = journalist(
        "Anna", SURNAME, ADDRESS, "anna@prywatna.pl", outlet=outlet("Gazeta Wierzbińska"),
        notes=f"Poznana na sesji rady; {SURNAME} woli SMS.", extra={"pesel_note": "tylko rano"},
    )  # fmt: skip
    JournalistPhone.objects.create(journalist=person, number="+48 600 100 200")
    JournalistSocialProfile.objects.create(journalist=person, network="x", handle="@azielonka")
    person.tags.add("samorząd")
    person.save()
    record(
        kind=EntryKind.CALL,
        subject=f"Rozmowa z {SURNAME} o budżecie",
        body="Prosi o dane o inwestycjach.",
        journalist=person,
        author=coordinator,
        attachments=[("notatka.txt", ContentFile(b"Notatka z rozmowy z Anna Zielonka"))],
    )
    record(kind=EntryKind.NOTE, subject="Spotkanie", journalist=person, author=coordinator)
    Task.objects.create(
        title=f"Oddzwonić do {SURNAME}", journalist=person, assignee=coordinator, due_on=timezone.localdate()
    )
    mailing = Mailing.objects.create(
        list=DistributionList.objects.create(name="Samorząd"),
        page=Page.objects.get(depth=2),
        subject="Budżet",
    )
    MailingRecipient.objects.create(mailing=mailing, journalist=person, email=ADDRESS.lower(), error="")
    Notification.objects.create(
        recipient=coordinator, kind="crm.task.due", subject=f"Zadanie: Oddzwonić do {SURNAME}",
        body=f"Dziennikarz: Anna {SURNAME} ({ADDRESS})",
    )  # fmt: skip
    audit.record(person, audit.IMPORT, coordinator, changes=[f"e-mail: {ADDRESS}"])
    return person


def read_zip(content):
    archive = zipfile.ZipFile(io.BytesIO(content))
    return archive, json.loads(archive.read("data.json"))


class TestRegistry:
    def test_registering_something_that_is_not_a_source_is_refused(self):
        class Mailbox:
            key, label = "mailbox", "Mailbox"

        with pytest.raises(TypeError, match="Mailbox"):
            register(Mailbox)

    def test_a_source_without_erase_is_refused(self):
        class HalfSource(PersonalDataSource):
            key, label = "half", "Half"

            def find(self, email):
                return []

            def describe(self, record):
                return {}

        with pytest.raises(TypeError, match="HalfSource does not define erase"):
            register(HalfSource)


class TestExportCommand:
    def test_the_zip_holds_the_journalist_the_timeline_and_the_attachment(self, anna, tmp_path):
        target = tmp_path / "anna.zip"
        out = io.StringIO()
        with translation.override("en"):
            call_command("personal_data_export", ADDRESS.upper(), output=str(target), stdout=out)

        archive, data = read_zip(target.read_bytes())
        [person] = data["sources"]["crm.journalists"]["records"]
        assert person["last_name"] == SURNAME
        assert {e["email"] for e in person["emails"]} == {ADDRESS, "anna@prywatna.pl"}
        assert person["phones"][0]["number"] == "+48 600 100 200"
        assert person["legal_basis"] and person["data_source"] == "wizytówka"
        assert [entry["subject"] for entry in person["timeline"]] == [
            "Spotkanie",
            f"Rozmowa z {SURNAME} o budżecie",
        ]
        [attachment] = person["timeline"][1]["attachments"]
        assert archive.read(attachment["file"]) == b"Notatka z rozmowy z Anna Zielonka"
        assert person["tasks"][0]["title"] == f"Oddzwonić do {SURNAME}"
        assert person["mailings_received"][0]["subject"] == "Budżet"
        assert "1 record(s), 1 file(s)" in out.getvalue()

    def test_the_export_is_logged(self, anna, tmp_path):
        call_command("personal_data_export", ADDRESS, output=str(tmp_path / "a.zip"), stdout=io.StringIO())
        assert ModelLogEntry.objects.filter(
            object_id=str(anna.pk), action=audit.PERSONAL_DATA_EXPORT
        ).exists()

    def test_nothing_held_fails_and_writes_nothing(self, anna, tmp_path):
        target = tmp_path / "nobody.zip"
        with (
            translation.override("en"),
            pytest.raises(CommandError, match="Nothing is held about nobody@x.pl"),
        ):
            call_command("personal_data_export", "nobody@x.pl", output=str(target))
        assert not target.exists()

    def test_default_file_name_has_the_date(self, anna, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        call_command("personal_data_export", "anna@prywatna.pl", stdout=io.StringIO())
        [written] = tmp_path.glob("*.zip")
        assert timezone.localdate().isoformat() in written.name


class TestAdmin:
    def test_the_head_downloads_the_zip(self, client, head, anna):
        client.force_login(head)
        response = client.get(reverse("crm_personal_data_export", args=[anna.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/zip"
        _, data = read_zip(b"".join(response.streaming_content))
        assert data["sources"]["crm.journalists"]["records"][0]["id"] == anna.pk
        entry = ModelLogEntry.objects.get(action=audit.PERSONAL_DATA_EXPORT)
        assert entry.user == head and SURNAME not in json.dumps(entry.data)

    def test_the_confirmation_page_says_what_goes_and_stays(self, client, head, anna):
        client.force_login(head)
        with translation.override("en"):
            response = client.get(
                reverse("crm_personal_data_erase", args=[anna.pk]), HTTP_ACCEPT_LANGUAGE="en"
            )
        page = response.content.decode()
        assert response.status_code == 200
        assert f"Usunięta osoba #{anna.pk}" in page
        assert "2 e-mail addresses" in page and "1 attachment with its file" in page
        assert "employment at an outlet" in page
        assert Journalist.objects.get(pk=anna.pk).erased_at is None

    def test_erasing_leaves_no_personal_data_but_keeps_the_history(
        self, client, head, anna, attachment_storage, django_capture_on_commit_callbacks
    ):
        [attachment] = TimelineAttachment.objects.all()
        file_name = attachment.file.name
        client.force_login(head)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("crm_personal_data_erase", args=[anna.pk]))
        assert response.status_code == 302

        anna.refresh_from_db()
        assert anna.full_name == f"Usunięta osoba #{anna.pk}" and anna.erased_at and not anna.active
        assert TimelineEntry.objects.filter(journalist=anna).count() == 2
        assert anna.employments.count() == 1 and Task.objects.get().assignee.username == "koordynator"
        assert not attachment_storage.exists(file_name)
        dump = io.StringIO()
        call_command("dumpdata", "crm", "wagtailcore.modellogentry", "notifications", stdout=dump)
        for personal in (SURNAME, "zielonka", "prywatna", "600 100 200", "azielonka", "tylko rano", "SMS"):
            assert personal not in dump.getvalue(), personal
        erased = ModelLogEntry.objects.get(action=audit.ERASE)
        assert erased.user == head and erased.data["timeline_entries"] == 2

    def test_a_coordinator_is_refused(self, client, coordinator, anna):
        client.force_login(coordinator)
        for name in ("crm_personal_data_export", "crm_personal_data_erase"):
            response = client.get(reverse(name, args=[anna.pk]))
            assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
        client.post(reverse("crm_personal_data_erase", args=[anna.pk]))
        assert Journalist.objects.get(pk=anna.pk).erased_at is None
        assert not ModelLogEntry.objects.filter(action__in=[audit.ERASE, audit.PERSONAL_DATA_EXPORT]).exists()


class TestReviewNotice:
    def test_the_head_is_told_once_per_record_and_review_date(self, head, coordinator):
        today = timezone.localdate()
        due = journalist("Ewa", "Przegląd", review_at=today - datetime.timedelta(days=1))
        journalist("Jan", "Później", review_at=today + datetime.timedelta(days=30))

        assert review_sweep(today) == 1
        [message] = mail.outbox
        assert message.to == ["szefowa@um.wierzbin.pl"] and "Ewa Przegląd" in message.body
        assert "Później" not in message.body
        assert Notification.objects.get().recipient == head

        assert review_sweep(today) == 0 and len(mail.outbox) == 1

        due.review_at = today
        due.save()
        assert review_sweep(today) == 1 and len(mail.outbox) == 2
