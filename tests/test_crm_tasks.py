"""Follow-up tasks: the list and form, "mark done", the dashboard panel, reminders on a worker, task rules."""

import datetime

import django_rq
import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms.core.models import Topic
from cms.jobs import enqueue
from cms.notifications.models import Notification
from cms.plugin_api import migrations as roles
from plugins.crm import reminders, rules
from plugins.crm.models import (
    BeatCoordinator,
    Employment,
    Journalist,
    Outlet,
    OutletKind,
    OutletReach,
    Task,
    TaskRule,
    TaskStatus,
    TaskTrigger,
)
from tests.helpers import run_jobs

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def new_journalist(first_name, last_name, outlet=None, beats=()):
    """A journalist added the way the admin adds one: the row, the employment and the beats in one commit."""
    with transaction.atomic():
        person = Journalist.objects.create(
            first_name=first_name, last_name=last_name, data_source="wizytówka", review_at=days(365)
        )
        if outlet:
            Employment.objects.create(journalist=person, outlet=outlet, role="reporter")
        person.beats.set(beats)
        person.save()
    return person


def refused(response):
    """Wagtail answers a refused admin request with a redirect to the dashboard and a message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


@pytest.fixture
def ola(make_user):
    return make_user("ola", groups=[roles.COORDINATORS], email="ola@um.wierzbin.pl", first_name="Ola")


@pytest.fixture
def piotr(make_user):
    return make_user("piotr", groups=[roles.COORDINATORS], email="piotr@um.wierzbin.pl", first_name="Piotr")


@pytest.fixture
def expert(make_user):
    return make_user("ekspert", groups=[roles.SUBJECT_EXPERTS], email="ekspert@um.wierzbin.pl")


@pytest.fixture
def gazeta(db):
    return Outlet.objects.create(name="Gazeta Wierzbińska")


def task(title, assignee, due_on, outlet, **fields):
    return Task.objects.create(title=title, assignee=assignee, due_on=due_on, outlet=outlet, **fields)


@pytest.mark.django_db
class TestList:
    def test_the_users_open_tasks_by_default_and_everyone_on_request(self, client, ola, piotr, gazeta):
        task("Wysłać dane o budżecie", ola, days(2), gazeta)
        task("Zaprosić na konferencję", piotr, days(1), gazeta)
        task("Stare zadanie", ola, days(-3), gazeta, status=TaskStatus.DONE)
        client.force_login(ola)
        mine = client.get(reverse("crm_task:index")).content.decode()
        assert "Wysłać dane o budżecie" in mine
        assert "Zaprosić na konferencję" not in mine and "Stare zadanie" not in mine
        everyone = client.get(reverse("crm_task:index"), {"assignee": "", "status": ""}).content.decode()
        assert all(title in everyone for title in ("Wysłać dane", "Zaprosić", "Stare zadanie"))

    def test_filter_overdue(self, client, ola, gazeta):
        task("Zaległe", ola, days(-1), gazeta)
        task("Na jutro", ola, days(1), gazeta)
        client.force_login(ola)
        html = client.get(reverse("crm_task:index"), {"due": "overdue"}).content.decode()
        assert "Zaległe" in html and "Na jutro" not in html

    def test_mark_done_from_the_list(self, client, ola, gazeta):
        open_task = task("Oddzwonić", ola, days(1), gazeta)
        client.force_login(ola)
        assert (
            reverse("crm_task:done", args=[open_task.pk])
            in client.get(reverse("crm_task:index")).content.decode()
        )
        response = client.post(
            reverse("crm_task:done", args=[open_task.pk]), {"next": reverse("crm_task:index")}
        )
        assert response["Location"] == reverse("crm_task:index")
        open_task.refresh_from_db()
        assert open_task.status == TaskStatus.DONE and open_task.completed_at is not None

    def test_create_a_task_about_an_outlet_from_its_timeline(self, client, ola, piotr, gazeta):
        client.force_login(ola)
        form = client.get(reverse("crm_task:add"), {"outlet": gazeta.pk}).context["form"]
        assert (form.initial["outlet"], form.initial["assignee"]) == (gazeta.pk, ola.pk)
        response = client.post(
            reverse("crm_task:add"),
            {
                "title": "Wysłać mapę",
                "outlet": gazeta.pk,
                "assignee": piotr.pk,
                "due_on": days(3).isoformat(),
            },
        )
        assert response.status_code == 302
        created = Task.objects.get()
        assert (created.assignee, created.created_by, created.due_on) == (piotr, ola, days(3))

    def test_a_task_needs_a_contact_a_press_office_assignee_and_a_future_date(self, client, ola, expert):
        client.force_login(ola)
        response = client.post(
            reverse("crm_task:add"),
            {"title": "Bez kontaktu", "assignee": expert.pk, "due_on": days(-1).isoformat()},
        )
        form = response.context["form"]
        assert {"assignee", "due_on", "__all__"} <= set(form.errors)
        assert not Task.objects.exists()

    def test_a_new_due_date_earns_new_reminders(self, client, ola, gazeta):
        reminded = task("Przesunięte", ola, days(1), gazeta, reminded_at=timezone.now())
        client.force_login(ola)
        client.post(
            reverse("crm_task:edit", args=[reminded.pk]),
            {"title": "Przesunięte", "outlet": gazeta.pk, "assignee": ola.pk, "due_on": days(10).isoformat(),
             "status": TaskStatus.OPEN},
        )  # fmt: skip
        reminded.refresh_from_db()
        assert reminded.due_on == days(10) and reminded.reminded_at is None

    def test_dashboard_lists_my_open_tasks_overdue_first(self, client, ola, piotr, gazeta):
        task("Na przyszły tydzień", ola, days(7), gazeta)
        task("Zaległe od wczoraj", ola, days(-1), gazeta)
        task("Zadanie Piotra", piotr, days(0), gazeta)
        client.force_login(ola)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert html.index("Zaległe od wczoraj") < html.index("Na przyszły tydzień")
        assert "Zadanie Piotra" not in html

    def test_a_subject_expert_is_refused(self, client, expert, ola, gazeta):
        other = task("Cudze", ola, days(1), gazeta)
        client.force_login(expert)
        for url in (
            reverse("crm_task:index"),
            reverse("crm_task:add"),
            reverse("crm_task:edit", args=[other.pk]),
            reverse("crm_task:delete", args=[other.pk]),
        ):
            assert refused(client.get(url)), url
        assert refused(client.post(reverse("crm_task:done", args=[other.pk])))
        assert Task.objects.get().status == TaskStatus.OPEN
        assert "Cudze" not in client.get(reverse("wagtailadmin_home")).content.decode()


def run_reminders():
    """The daily job, enqueued as the scheduler does and run by an RQ worker."""
    enqueue(reminders.remind_tasks, queue="notifications")
    assert django_rq.get_queue("notifications").count == 1
    run_jobs("notifications")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reminder_before_due_and_notice_when_overdue_each_once(redis_connection, ola, piotr, gazeta):
    soon = task("Wysłać dane o budżecie", ola, days(1), gazeta)
    task("Na później", ola, days(5), gazeta)
    task("Zrobione", ola, days(1), gazeta, status=TaskStatus.DONE)
    piotr.is_active = False
    piotr.save()
    task("Zadanie nieobecnego", piotr, days(1), gazeta)

    run_reminders()
    [message] = mail.outbox
    assert message.to == ["ola@um.wierzbin.pl"]
    assert "Wysłać dane o budżecie" in message.subject
    assert reverse("crm_task:edit", args=[soon.pk]) in message.body
    assert Notification.objects.get().recipient == ola

    run_reminders()
    assert len(mail.outbox) == 1

    Task.objects.filter(pk=soon.pk).update(due_on=days(-1))  # the day passes without it being done
    run_reminders()
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["ola@um.wierzbin.pl"] and "Wysłać dane o budżecie" in mail.outbox[1].subject
    assert mail.outbox[1].subject != mail.outbox[0].subject

    run_reminders()
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_reminder_wording(ola, gazeta, settings):
    settings.LANGUAGE_CODE = "en"
    task("Wysłać dane", ola, days(-2), gazeta)
    task("Oddzwonić", ola, days(0), gazeta)
    task("Za trzy dni", ola, days(3), gazeta)  # beyond the default one day ahead
    assert reminders.sweep() == {"due": 1, "overdue": 1}
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == ["Overdue task: “Wysłać dane”", "Task due soon: “Oddzwonić”"]
    assert any("is due today" in message.body for message in mail.outbox)


@pytest.mark.django_db
def test_the_reminder_lead_time_is_a_plugin_setting(ola, gazeta, settings):
    settings.LANGUAGE_CODE = "en"
    settings.PLUGINS_CONFIG = {**settings.PLUGINS_CONFIG, "crm": {"TASK_REMINDER_DAYS": 3}}
    task("Za trzy dni", ola, days(3), gazeta)
    task("Za cztery dni", ola, days(4), gazeta)
    assert reminders.sweep() == {"due": 1, "overdue": 0}
    [message] = mail.outbox
    assert "“Za trzy dni” is due in 3 days" in message.body


@pytest.fixture
def transport(db):
    return Topic.objects.create(name="Transport", slug="transport")


@pytest.fixture
def introduction_rule(transport, ola, piotr):
    """A journalist of a national outlet on the transport beat: the transport coordinator introduces us."""
    BeatCoordinator.objects.create(beat=transport, coordinator=ola)
    return TaskRule.objects.create(
        name="Przedstawienie się",
        trigger=TaskTrigger.NEW_JOURNALIST,
        outlet_reach=OutletReach.NATIONAL,
        beat=transport,
        to_beat_coordinator=True,
        assignee=piotr,
        task_title="Przedstaw się: {name}",
        due_in_days=3,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rule_gives_the_beat_coordinator_one_introduction_task(
    redis_connection, introduction_rule, transport, ola
):
    national = Outlet.objects.create(
        name="Polska Agencja", reach=OutletReach.NATIONAL, kind=OutletKind.AGENCY
    )
    local = Outlet.objects.create(name="Radio Wierzbin", reach=OutletReach.LOCAL)
    jan = new_journalist("Jan", "Kowalski", outlet=national, beats=[transport])
    new_journalist("Ewa", "Lis", outlet=local, beats=[transport])  # a local outlet: no task
    new_journalist("Adam", "Wrona", outlet=national)  # another beat: no task
    run_jobs("default")

    created = Task.objects.get()
    assert (created.journalist, created.assignee, created.rule) == (jan, ola, introduction_rule)
    assert created.title == "Przedstaw się: Jan Kowalski"
    assert created.due_on == days(3)

    enqueue(rules.apply_journalist_rules, jan.pk)  # the job runs again
    run_jobs("default")
    assert Task.objects.count() == 1


@pytest.mark.django_db
def test_without_a_coordinator_the_rule_assigns_its_own_person(introduction_rule, piotr):
    BeatCoordinator.objects.all().delete()
    national = Outlet.objects.create(name="Polska Agencja", reach=OutletReach.NATIONAL)
    jan = new_journalist("Jan", "Kowalski", outlet=national, beats=[introduction_rule.beat])
    assert rules.apply_journalist_rules(jan.pk) == 1
    assert Task.objects.get().assignee == piotr


@pytest.mark.django_db
def test_an_outlet_rule_and_a_disabled_rule(piotr):
    TaskRule.objects.create(
        name="Nowa telewizja", trigger=TaskTrigger.NEW_OUTLET, outlet_kind=OutletKind.TV,
        to_beat_coordinator=False, assignee=piotr, task_title="Poznać redakcję {name}",
    )  # fmt: skip
    TaskRule.objects.create(
        name="Wyłączona", trigger=TaskTrigger.NEW_OUTLET, assignee=piotr, task_title="Nie", enabled=False
    )
    tv = Outlet.objects.create(name="TV Wierzbin", kind=OutletKind.TV)
    radio = Outlet.objects.create(name="Radio Wierzbin", kind=OutletKind.RADIO)
    assert rules.apply_outlet_rules(tv.pk) == 1
    assert rules.apply_outlet_rules(radio.pk) == 0
    assert Task.objects.get().title == "Poznać redakcję TV Wierzbin"
