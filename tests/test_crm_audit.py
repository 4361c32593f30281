"""The CRM's audit log screen: the press office head filters it by employee, period and action; exports."""

import csv
import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page

from cms.plugin_api import migrations as roles
from plugins.crm import audit
from plugins.crm.models import Journalist
from tests.crm_contact_helpers import journalist, outlet

pytestmark = pytest.mark.django_db
URL = reverse("crm_audit")


def logged(instance, action, user, days_ago):
    entry = log(instance, action, user=user)
    type(entry).objects.filter(pk=entry.pk).update(
        timestamp=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return entry


@pytest.fixture
def head(make_user):
    return make_user("szefowa", groups=[roles.MODERATORS])


@pytest.fixture
def ola(make_user):
    return make_user("ola", groups=[roles.COORDINATORS], first_name="Ola", last_name="Lis")


@pytest.fixture
def piotr(make_user):
    return make_user("piotr", groups=[roles.EDITORS], first_name="Piotr", last_name="Kos")


@pytest.fixture
def history(ola, piotr):
    anna = journalist("Anna", "Nowak", "anna@gazeta.pl")
    gazeta = outlet("Gazeta Wierzbińska")
    logged(anna, "wagtail.create", ola, days_ago=40)
    logged(gazeta, "wagtail.edit", ola, days_ago=2)
    logged(anna, "wagtail.edit", piotr, days_ago=1)
    audit.record(ContentType.objects.get_for_model(Journalist), audit.EXPORT, user=ola, format="csv", rows=1)
    logged(Page.objects.get(depth=2), "wagtail.edit", piotr, days_ago=1)  # not the CRM's
    return anna, gazeta


def export_label():
    """The label of the list export, logged on the journalists' content type."""
    return ModelLogEntry.objects.get(action=audit.EXPORT).label


def rows(client, **query):
    """The CSV download's rows, by the columns of Wagtail's site history export (headings are translated)."""
    response = client.get(URL, {**query, "export": "csv"})
    assert response.status_code == 200
    reader = csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    next(reader)
    return [dict(zip(["ID", "Name", "Type", "Action", "User", "Date"], row, strict=True)) for row in reader]


def test_the_head_sees_the_crms_entries_only(client, head, history):
    client.force_login(head)
    response = client.get(URL)
    assert response.status_code == 200
    names = [entry.label for entry in response.context["object_list"]]
    assert names == [export_label(), "Anna Nowak", "Gazeta Wierzbińska", "Anna Nowak"]


def test_filter_by_employee_and_period_and_export_csv(client, head, ola, piotr, history):
    client.force_login(head)
    today = timezone.localdate()

    by_ola = rows(client, user=ola.pk)
    assert len(by_ola) == 3 and {row["User"] for row in by_ola} == {"Ola Lis"}

    last_week = rows(client, timestamp_from=(today - datetime.timedelta(days=7)).isoformat())
    assert sorted(row["Name"] for row in last_week) == sorted(
        ["Anna Nowak", "Gazeta Wierzbińska", export_label()]
    )

    old = rows(client, timestamp_to=(today - datetime.timedelta(days=30)).isoformat())
    assert [(row["Name"], row["User"]) for row in old] == [("Anna Nowak", "Ola Lis")]

    both = rows(client, user=piotr.pk, timestamp_from=(today - datetime.timedelta(days=7)).isoformat())
    assert [row["Name"] for row in both] == ["Anna Nowak"]


def test_filter_by_action_and_xlsx(client, head, history):
    client.force_login(head)
    response = client.get(URL, {"action": audit.EXPORT})
    assert [entry.action for entry in response.context["object_list"]] == [audit.EXPORT]
    xlsx = client.get(URL, {"action": audit.EXPORT, "export": "xlsx"})
    assert xlsx.status_code == 200 and "crm-audit-log" in xlsx["Content-Disposition"]


def test_the_menu_shows_the_screen_to_the_head_only(client, head, ola):
    client.force_login(head)
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(ola)
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_subject_expert_and_a_coordinator_cannot_open_it(client, make_user, ola, history):
    expert = make_user("ekspert", groups=[roles.SUBJECT_EXPERTS])
    for user in (expert, ola):
        client.force_login(user)
        for query in ({}, {"export": "csv"}):
            response = client.get(URL, query)
            assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
