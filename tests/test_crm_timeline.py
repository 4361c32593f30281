"""The timeline of journalists and outlets: order, filters, adding entries, attachments, who may see them."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms.editorial.models import PressReleasePage
from cms.plugin_api import migrations as roles
from plugins.crm.models import (
    Employment,
    EntryKind,
    Journalist,
    Outlet,
    OutletReach,
    TimelineEntry,
)
from plugins.crm.timeline import record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("attachment_storage")]


def outlet(name, **fields):
    return Outlet.objects.create(name=name, **fields)


def journalist(first_name, last_name, outlet=None):
    person = Journalist.objects.create(
        first_name=first_name,
        last_name=last_name,
        data_source="wizytówka",
        review_at=datetime.date(2030, 1, 1),
    )
    if outlet:
        Employment.objects.create(journalist=person, outlet=outlet, role="reporter")
    return person


def at(days_ago, hour=10):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def coordinator(make_user):
    return make_user("koordynator", groups=[roles.COORDINATORS])


@pytest.fixture
def expert(make_user):
    return make_user("ekspert", groups=[roles.SUBJECT_EXPERTS])


@pytest.fixture
def gazeta():
    return outlet("Gazeta Wierzbińska", reach=OutletReach.REGIONAL)


@pytest.fixture
def anna(gazeta):
    return journalist("Anna", "Nowak", outlet=gazeta)


@pytest.fixture
def history(anna, coordinator):
    """Four entries of Anna over a week, recorded in a different order than they happened."""
    return [
        record(kind=EntryKind.CALL, subject="Telefon o budżecie", journalist=anna, occurred_at=at(3)),
        record(kind=EntryKind.NOTE, subject="Notatka z targów", journalist=anna, occurred_at=at(7)),
        record(kind=EntryKind.MEETING, subject="Spotkanie w redakcji", journalist=anna, occurred_at=at(0, 9)),
        record(kind=EntryKind.CALL, subject="Telefon o remontach", journalist=anna, occurred_at=at(0, 14),
               author=coordinator),
    ]  # fmt: skip


def refused(response):
    """Wagtail answers a refused admin request with a redirect to the dashboard and a message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def subjects_in(response, candidates):
    """The candidates in the order the page shows them."""
    html = response.content.decode()
    shown = [subject for subject in candidates if subject in html]
    return sorted(shown, key=html.index)


SUBJECTS = ["Telefon o budżecie", "Notatka z targów", "Spotkanie w redakcji", "Telefon o remontach"]


class TestReading:
    def test_newest_first_grouped_by_day(self, client, coordinator, anna, history):
        client.force_login(coordinator)
        response = client.get(reverse("crm_timeline_journalist", args=[anna.pk]))
        assert response.status_code == 200
        assert subjects_in(response, SUBJECTS) == [
            "Telefon o remontach",
            "Spotkanie w redakcji",
            "Telefon o budżecie",
            "Notatka z targów",
        ]
        assert [len(day.entries) for day in response.context["days"]] == [2, 1, 1]
        assert "koordynator" in response.content.decode()  # the author

    def test_filter_by_kind(self, client, coordinator, anna, history):
        client.force_login(coordinator)
        response = client.get(reverse("crm_timeline_journalist", args=[anna.pk]), {"kind": EntryKind.CALL})
        assert subjects_in(response, SUBJECTS) == ["Telefon o remontach", "Telefon o budżecie"]

    def test_filter_by_period(self, client, coordinator, anna, history):
        client.force_login(coordinator)
        period = {"date_from": (timezone.localdate() - datetime.timedelta(days=5)).isoformat(),
                  "date_to": (timezone.localdate() - datetime.timedelta(days=1)).isoformat()}  # fmt: skip
        response = client.get(reverse("crm_timeline_journalist", args=[anna.pk]), period)
        assert subjects_in(response, SUBJECTS) == ["Telefon o budżecie"]

    def test_a_period_ending_before_it_starts_is_reported_and_ignored(
        self, client, coordinator, anna, history
    ):
        client.force_login(coordinator)
        period = {"date_from": timezone.localdate().isoformat(), "date_to": "2020-01-01"}
        response = client.get(reverse("crm_timeline_journalist", args=[anna.pk]), period)
        assert response.context["filters"].errors
        assert len(subjects_in(response, SUBJECTS)) == 4

    def test_pages_of_entries(self, client, coordinator, anna):
        for number in range(30):
            record(
                kind=EntryKind.NOTE,
                subject=f"Notatka nr {number:02}",
                journalist=anna,
                occurred_at=at(number),
            )
        client.force_login(coordinator)
        url = reverse("crm_timeline_journalist", args=[anna.pk])
        first, second = client.get(url), client.get(url, {"p": 2})
        assert "Notatka nr 00" in first.content.decode() and "Notatka nr 29" not in first.content.decode()
        assert "Notatka nr 29" in second.content.decode() and "Notatka nr 00" not in second.content.decode()

    def test_the_outlet_shows_its_entries_and_those_of_its_journalists(
        self, client, coordinator, gazeta, anna
    ):
        other = outlet("Radio Wierzbin")
        record(kind=EntryKind.NOTE, subject="Zmiana redaktora naczelnego", outlet=gazeta, occurred_at=at(2))
        record(kind=EntryKind.CALL, subject="Pytanie Anny", journalist=anna, occurred_at=at(1))
        record(kind=EntryKind.CALL, subject="Pytanie radia", outlet=other, occurred_at=at(0))
        client.force_login(coordinator)
        response = client.get(reverse("crm_timeline_outlet", args=[gazeta.pk]))
        candidates = ["Zmiana redaktora naczelnego", "Pytanie Anny", "Pytanie radia"]
        assert subjects_in(response, candidates) == ["Pytanie Anny", "Zmiana redaktora naczelnego"]
        assert reverse("crm_timeline_journalist", args=[anna.pk]) in response.content.decode()

    def test_the_press_release_an_entry_is_about_is_linked(self, client, coordinator, anna, press_room):
        release = press_room.add_child(instance=PressReleasePage(title="Nowe linie tramwajowe", lead="Lead."))
        record(kind=EntryKind.PRESS_RELEASE, subject="Wysłano komunikat", journalist=anna, about=release)
        client.force_login(coordinator)
        html = client.get(reverse("crm_timeline_journalist", args=[anna.pk])).content.decode()
        assert "Nowe linie tramwajowe" in html
        assert reverse("wagtailadmin_pages:edit", args=[release.pk]) in html

    def test_an_empty_timeline_says_how_it_fills(self, client, coordinator, anna, settings):
        settings.LANGUAGE_CODE = "en"
        client.force_login(coordinator)
        html = client.get(reverse("crm_timeline_journalist", args=[anna.pk])).content.decode()
        assert "Nothing is recorded with Anna Nowak yet." in html


class TestAdding:
    def test_an_entry_with_two_attachments(self, client, coordinator, anna, gazeta, attachment_storage):
        client.force_login(coordinator)
        url = reverse("crm_timeline_journalist", args=[anna.pk])
        response = client.post(
            url,
            {
                "kind": EntryKind.MATERIAL_SENT,
                "occurred_at": "2026-03-02 11:30",
                "subject": "Dane o budżecie",
                "body": "Wysłane po rozmowie.",
                "attachments": [
                    SimpleUploadedFile("budzet.pdf", b"%PDF-1.4 budzet", content_type="application/pdf"),
                    SimpleUploadedFile("tabela.csv", b"rok;kwota\n2026;100\n", content_type="text/csv"),
                ],
            },
        )
        assert response.status_code == 302
        entry = TimelineEntry.objects.get()
        assert (entry.journalist, entry.outlet, entry.author, entry.kind) == (
            anna, gazeta, coordinator, EntryKind.MATERIAL_SENT
        )  # fmt: skip
        assert timezone.localtime(entry.occurred_at).strftime("%Y-%m-%d %H:%M") == "2026-03-02 11:30"
        assert sorted((a.name, a.size) for a in entry.attachments.all()) == [
            ("budzet.pdf", 15),
            ("tabela.csv", 19),
        ]
        assert all(attachment_storage.exists(a.file.name) for a in entry.attachments.all())
        assert ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(entry.pk)).exists()
        page = client.get(url).content.decode()
        assert "Dane o budżecie" in page
        assert reverse("crm_attachment", args=[entry.attachments.first().pk]) in page

    def test_an_entry_needs_a_subject(self, client, coordinator, anna):
        client.force_login(coordinator)
        response = client.post(
            reverse("crm_timeline_journalist", args=[anna.pk]),
            {"kind": EntryKind.NOTE, "occurred_at": "2026-03-02 11:30", "subject": ""},
        )
        assert response.status_code == 200
        assert "subject" in response.context["form"].errors
        assert not TimelineEntry.objects.exists()

    def test_mailings_and_inquiries_are_not_typed_by_hand(self, client, coordinator, anna):
        client.force_login(coordinator)
        response = client.post(
            reverse("crm_timeline_journalist", args=[anna.pk]),
            {"kind": EntryKind.PRESS_RELEASE, "occurred_at": "2026-03-02 11:30", "subject": "Udawany"},
        )
        assert "kind" in response.context["form"].errors


@pytest.fixture
def attachment(anna):
    entry = record(
        kind=EntryKind.MATERIAL_SENT,
        subject="Mapa remontów",
        journalist=anna,
        attachments=[("mapa remontów.pdf", ContentFile(b"%PDF-1.4 mapa"))],
    )
    return entry.attachments.get()


class TestWhoMay:
    def test_the_press_office_downloads_an_attachment(self, client, coordinator, attachment):
        client.force_login(coordinator)
        response = client.get(reverse("crm_attachment", args=[attachment.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert "mapa" in response["Content-Disposition"]
        assert b"".join(response.streaming_content) == b"%PDF-1.4 mapa"

    def test_a_subject_expert_gets_no_attachment(self, client, expert, attachment):
        client.force_login(expert)
        response = client.get(reverse("crm_attachment", args=[attachment.pk]))
        assert refused(response)
        assert not hasattr(response, "streaming_content")

    def test_nobody_logged_out_gets_an_attachment(self, client, attachment):
        response = client.get(reverse("crm_attachment", args=[attachment.pk]))
        assert response.status_code == 302 and "login" in response["Location"]

    def test_a_subject_expert_sees_no_timeline_and_adds_nothing(self, client, expert, anna, gazeta):
        client.force_login(expert)
        assert refused(client.get(reverse("crm_timeline_journalist", args=[anna.pk])))
        assert refused(client.get(reverse("crm_timeline_outlet", args=[gazeta.pk])))
        response = client.post(
            reverse("crm_timeline_journalist", args=[anna.pk]),
            {"kind": EntryKind.NOTE, "occurred_at": "2026-03-02 11:30", "subject": "Włamanie"},
        )
        assert refused(response)
        assert not TimelineEntry.objects.exists()
