"""Duplicates and merge: candidates by name and e-mail, a merge that keeps every piece of history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from cms.core.models import Topic
from cms.plugin_api.migrations import COORDINATORS, EDITORS
from plugins.crm import audit
from plugins.crm.duplicates import candidates, duplicates_of
from plugins.crm.models import (
    DistributionList,
    Journalist,
    JournalistEmail,
    JournalistPhone,
    Task,
    TimelineEntry,
    Unsubscription,
)
from plugins.crm.timeline import EntryKind, record
from tests.crm_contact_helpers import journalist, outlet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator(client, make_user):
    user = make_user("koordynator", groups=[COORDINATORS])
    client.force_login(user)
    return user


class TestCandidates:
    def test_the_same_name_regardless_of_case_and_accents(self):
        kept = journalist("Łucja", "Żak", "lucja@radio.pl")
        twin = journalist("lucja", "ZAK", "lz@gazeta.pl")
        journalist("Łucja", "Żakowska", "inna@gazeta.pl")
        assert [c.journalist for c in duplicates_of(kept)] == [twin]

    def test_the_same_email_in_any_case_for_a_new_record(self):
        anna = journalist("Anna", "Nowak", "Anna@Radio.pl")
        (found,) = candidates("Joanna", "Kowalska", emails=["anna@radio.PL"])
        assert found.journalist == anna and [str(reason) for reason in found.reasons] == ["the same e-mail"]


class TestMerge:
    def test_merge_keeps_every_entry_task_and_email(self, client, coordinator):
        radio, daily = outlet("Radio Wierzbin"), outlet("Gazeta Wierzbińska")
        beat = Topic.objects.create(name="Transport", slug="transport")
        kept = journalist("Anna", "Nowak", "anna@radio.pl", outlet=radio, extra={"size": "S"})
        merged = journalist("anna", "nowak", "a.nowak@gazeta.pl", outlet=daily, extra={"size": "L", "fee": 3})
        JournalistEmail.objects.create(journalist=merged, email="ANNA@radio.pl.example", primary=False)
        JournalistPhone.objects.create(journalist=merged, number="+48 601 234 567")
        merged.beats.add(beat)
        merged.tags.add("transport")
        merged.save()
        lists = DistributionList.objects.create(name="Transport")
        lists.journalists.add(kept, merged)
        lists.save()
        entries = [record(kind=EntryKind.CALL, subject=f"Rozmowa {n}", journalist=merged) for n in range(3)]
        entries.append(record(kind=EntryKind.NOTE, subject="Notatka", journalist=kept))
        task = Task.objects.create(
            title="Wysłać dane", journalist=merged, assignee=coordinator, due_on=datetime.date(2030, 1, 1)
        )
        Unsubscription.objects.create(journalist=merged)

        url = reverse("crm_journalist_merge", args=[kept.pk])
        assert "anna nowak" in client.get(url).content.decode()
        confirm = client.post(url, {"other": merged.pk})
        assert "Timeline entries: 3" in confirm.content.decode()
        assert Journalist.objects.filter(pk=merged.pk).exists()
        response = client.post(url, {"other": merged.pk, "confirm": "1"})

        assert response.status_code == 302
        assert not Journalist.objects.filter(pk=merged.pk).exists()
        kept = Journalist.objects.get(pk=kept.pk)
        assert set(kept.timeline.values_list("pk", flat=True)) == {entry.pk for entry in entries}
        assert TimelineEntry.objects.count() == 4
        assert Task.objects.get(pk=task.pk).journalist == kept
        assert sorted(kept.emails.values_list("email", "primary")) == [
            ("ANNA@radio.pl.example", False),
            ("a.nowak@gazeta.pl", False),
            ("anna@radio.pl", True),
        ]
        assert kept.phones.count() == 1
        assert {job.outlet for job in kept.employments.all()} == {radio, daily}
        assert list(kept.beats.all()) == [beat] and list(kept.tags.names()) == ["transport"]
        assert list(DistributionList.objects.get().journalists.all()) == [kept]
        assert kept.unsubscriptions.count() == 1
        assert kept.extra == {"size": "S", "fee": 3}
        entry = ModelLogEntry.objects.get(action=audit.MERGE)
        assert entry.object_id == str(kept.pk)
        assert entry.data == {"merged_name": "anna nowak", "merged_id": merged.pk}

    def test_edit_view_warns_of_possible_duplicates(self, client, coordinator):
        kept = journalist("Anna", "Nowák", "anna@radio.pl")
        twin = journalist("Anna", "Nowak", "a.nowak@gazeta.pl")
        page = client.get(reverse("crm_journalist:edit", args=[kept.pk])).content.decode()
        assert "Possible duplicates" in page
        assert f"{reverse('crm_journalist_merge', args=[kept.pk])}?other={twin.pk}" in page

    def test_an_editor_cannot_merge(self, client, make_user):
        client.force_login(make_user("redaktor", groups=[EDITORS]))
        kept = journalist("Anna", "Nowak", "anna@radio.pl")
        merged = journalist("Anna", "Nowak", "a.nowak@gazeta.pl")
        url = reverse("crm_journalist_merge", args=[kept.pk])
        response = client.post(url, {"other": merged.pk, "confirm": "1"})
        assert response.status_code in (302, 403)
        assert Journalist.objects.count() == 2
