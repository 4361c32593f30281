"""seed_demo gives the press office a believable media landscape of Wierzbin to work with."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.validators import validate_email
from django.utils import timezone

from plugins.crm import mailing
from plugins.crm.demo import surname
from plugins.crm.models import (
    BeatCoordinator,
    CustomField,
    DistributionList,
    Employment,
    EntryKind,
    Journalist,
    JournalistEmail,
    JournalistPhone,
    Outlet,
    OutletEmail,
    OutletKind,
    OutletPhone,
    OutletReach,
    Task,
    TaskRule,
    TaskStatus,
    TimelineEntry,
)
from plugins.crm.validators import normalise_phone

pytestmark = pytest.mark.django_db

PRESS_OFFICE = {"piotr.nowak", "magdalena.wisniewska", "anna.kowalska", "marek.zielinski"}


def counts():
    models = [Outlet, Journalist, JournalistEmail, JournalistPhone, Employment, TimelineEntry, Task]
    return {model.__name__: model.objects.count() for model in models} | {
        "lists": DistributionList.objects.count(),
        "fields": CustomField.objects.count(),
        "rules": TaskRule.objects.count(),
        "coordinators": BeatCoordinator.objects.count(),
    }


# Before the seeded tests: the module's demo data stays until its last test.
def test_no_crm_demo_when_contacts_exist():
    Outlet.objects.create(name="Nasza redakcja")
    call_command("seed_demo", stdout=io.StringIO())
    assert list(Outlet.objects.values_list("name", flat=True)) == ["Nasza redakcja"]
    assert not Journalist.objects.exists()


@pytest.fixture
def seeded(demo_data):
    return demo_data


def test_a_second_run_adds_nothing(seeded):
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == first


def test_outlets_of_every_kind_and_reach(seeded):
    outlets = list(Outlet.objects.prefetch_related("addresses", "emails", "phones", "tags"))

    assert len(outlets) >= 30
    assert {outlet.kind for outlet in outlets} >= {
        OutletKind.TV, OutletKind.RADIO, OutletKind.DAILY, OutletKind.WEEKLY, OutletKind.ONLINE,
        OutletKind.AGENCY,
    }  # fmt: skip
    assert {outlet.reach for outlet in outlets} == set(OutletReach.values)
    gazette = Outlet.objects.get(name="Gazeta Wierzbińska")
    assert gazette.extra["naklad"] > 0
    address = gazette.addresses.get()
    assert (address.postal_code, address.city) == ("64-100", "Wierzbin")
    assert all(outlet.addresses.all() and outlet.emails.all() and outlet.phones.all() for outlet in outlets)
    assert all(outlet.tags.all() for outlet in outlets)


def test_journalists_are_complete_and_some_moved_newsrooms(seeded):
    journalists = list(
        Journalist.objects.prefetch_related("emails", "phones", "beats", "employments", "tags")
    )

    assert len(journalists) >= 80
    assert any(set(j.first_name + j.last_name) & set("ąćęłńóśźżŁŚŻ") for j in journalists)
    assert all(j.primary_email and j.phones.all() and j.beats.all() for j in journalists)
    assert all(len(j.current_employments()) == 1 for j in journalists)
    moved = [j for j in journalists if any(job.ended_on for job in j.employments.all())]
    assert len(moved) >= 8
    for journalist in moved:
        ended = next(job for job in journalist.employments.all() if job.ended_on)
        current = journalist.current_employments()[0]
        assert ended.outlet != current.outlet and ended.ended_on <= current.started_on
    assert sum(1 for j in journalists if j.tags.all()) >= 40
    assert len({j.preferred_channel for j in journalists}) >= 3
    assert all(j.data_source and j.legal_basis and j.review_at for j in journalists)
    assert any(j.review_at < timezone.localdate() for j in journalists)  # some are due for review


def test_custom_fields_are_defined_and_filled(seeded):
    keys = set(CustomField.objects.values_list("target", "key"))
    assert {("outlet", "naklad"), ("journalist", "akredytacja_do"), ("journalist", "jezyk")} <= keys
    languages = CustomField.objects.get(key="jezyk").choice_list
    extras = [j.extra for j in Journalist.objects.all()]
    assert all(extra["jezyk"] in languages for extra in extras)
    assert sum(1 for extra in extras if "akredytacja_do" in extra) >= 15
    assert all(datetime.date.fromisoformat(e["akredytacja_do"]) for e in extras if "akredytacja_do" in e)


def test_every_phone_and_e_mail_is_valid_and_e_mails_are_unique(seeded):
    phones = [*JournalistPhone.objects.values_list("number", flat=True)]
    phones += OutletPhone.objects.values_list("number", flat=True)
    for number in phones:
        assert normalise_phone(number) == number
    addresses = [*JournalistEmail.objects.values_list("email", flat=True)]
    for address in addresses + list(OutletEmail.objects.values_list("email", flat=True)):
        validate_email(address)
        assert address.endswith(".example.pl")
    assert len({address.lower() for address in addresses}) == len(addresses)


def test_timelines_span_months_by_the_press_office(seeded):
    # The inquiry desk's demo adds the journalists' own e-mails and the units' steps on its cases.
    crm_entries = TimelineEntry.objects.exclude(content_type__app_label="inquiries")
    entries = list(crm_entries.select_related("author"))

    assert len(entries) >= 150
    assert {entry.author.username for entry in entries} == PRESS_OFFICE
    ages = [(timezone.now() - entry.occurred_at).days for entry in entries]
    assert min(ages) <= 7 and max(ages) >= 120
    kinds = {entry.kind for entry in entries}
    assert {EntryKind.NOTE, EntryKind.CALL, EntryKind.EMAIL_SENT, EntryKind.MATERIAL_SENT} <= kinds
    assert any(entry.journalist_id is None and entry.outlet_id for entry in entries)
    sent = [entry for entry in entries if entry.kind == EntryKind.PRESS_RELEASE]
    assert sent and all(entry.about is not None and entry.about.live for entry in sent)


def test_tasks_overdue_due_soon_and_done(seeded):
    today = timezone.localdate()
    tasks = list(Task.objects.select_related("assignee"))
    open_tasks = [task for task in tasks if task.status == TaskStatus.OPEN]

    assert sum(1 for task in open_tasks if task.due_on < today) >= 5
    assert sum(1 for task in open_tasks if today <= task.due_on <= today + datetime.timedelta(days=5)) >= 5
    done = [task for task in tasks if task.status == TaskStatus.DONE]
    assert len(done) >= 5 and all(task.completed_at for task in done)
    assert {task.assignee.username for task in tasks} <= PRESS_OFFICE
    assert any(task.outlet_id for task in tasks) and any(task.journalist_id for task in tasks)


def test_coordinators_rules_and_lists_that_reach_people(seeded):
    assert BeatCoordinator.objects.filter(beat__slug="transport").get().coordinator.username in PRESS_OFFICE
    assert TaskRule.objects.filter(enabled=True).count() >= 2
    lists = list(DistributionList.objects.all())
    assert len(lists) >= 5
    assert any(dl.tags.exists() for dl in lists) and any(dl.outlets.exists() for dl in lists)
    assert any(dl.beats.exists() for dl in lists)
    assert all(mailing.members(dl).exists() for dl in lists)


def test_surnames_take_the_feminine_form():
    assert [surname("Lewandowski", "f"), surname("Zawadzki", "f"), surname("Wróbel", "f")] == [
        "Lewandowska",
        "Zawadzka",
        "Wróbel",
    ]
    assert surname("Czarnecki", "m") == "Czarnecki"
