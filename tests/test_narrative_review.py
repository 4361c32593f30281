"""Re-verification: owners are told, reminded and escalated; one click confirms; expiry is announced."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms.narratives import review
from cms.notifications.models import Notification
from cms.organisation.models import MembershipRole, Unit
from cms.plugin_api import migrations as roles

pytestmark = pytest.mark.django_db
NOW = timezone.now()
TODAY = timezone.localdate(NOW)


def days(n):
    return NOW + datetime.timedelta(days=n)


@pytest.fixture
def unit():
    return Unit.objects.create(name="Wydział Edukacji", code="WE")


@pytest.fixture
def people(make_user, unit):
    def user(name, groups=(), memberships=()):
        return make_user(name, groups=groups, memberships=memberships, email=f"{name}@um.wierzbin.pl")

    return {
        "owner": user("ekspert", [roles.SUBJECT_EXPERTS], [(unit, MembershipRole.SUBJECT_EXPERT)]),
        "head": user("naczelnik", [roles.SUBJECT_EXPERTS], [(unit, MembershipRole.UNIT_HEAD)]),
        "press": user("rzecznik", [roles.MODERATORS]),
        "editor": user("redaktor", [roles.EDITORS]),
    }


@pytest.fixture
def due(make_narrative, people, unit):
    return make_narrative(
        "Sieć szkół",
        owner=people["owner"],
        unit=unit,
        review_interval_days=60,
        next_review_at=TODAY - datetime.timedelta(days=1),
    )


def told():
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_owner_is_told_once_when_the_review_falls_due(due, people):
    assert review.sweep(NOW)["told"] == 1
    assert told() == ["ekspert@um.wierzbin.pl"]
    notice = Notification.objects.get(recipient=people["owner"])
    assert notice.url == reverse("narratives_confirm", args=[due.pk])
    assert "Sieć szkół" in notice.subject
    review.sweep(NOW + datetime.timedelta(hours=1))
    assert len(mail.outbox) == 1


def test_a_reminder_and_then_the_unit_head_and_press_office(due, people):
    review.sweep(NOW)
    assert review.sweep(days(6)) == {"told": 0, "reminded": 0, "escalated": 0, "expired": 0}
    mail.outbox.clear()
    assert review.sweep(days(7))["reminded"] == 1
    assert told() == ["ekspert@um.wierzbin.pl"]
    mail.outbox.clear()
    assert review.sweep(days(14))["escalated"] == 1
    assert told() == ["naczelnik@um.wierzbin.pl", "rzecznik@um.wierzbin.pl"]
    entry = ModelLogEntry.objects.get(action=review.ESCALATE)
    assert entry.object_id == str(due.pk)
    mail.outbox.clear()
    review.sweep(days(30))
    assert mail.outbox == []


def test_without_an_owner_the_unit_head_and_press_office_are_told(make_narrative, people, unit):
    make_narrative("Bez właściciela", unit=unit, next_review_at=TODAY)
    review.sweep(NOW)
    assert told() == ["naczelnik@um.wierzbin.pl", "rzecznik@um.wierzbin.pl"]


def test_the_owner_confirms_with_one_click(client, due, people):
    review.sweep(NOW)
    client.force_login(people["owner"])
    url = reverse("narratives_confirm", args=[due.pk])
    assert "Sieć szkół" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    due.refresh_from_db()
    assert due.status == "active"
    assert due.next_review_at == TODAY + datetime.timedelta(days=60)
    assert due.last_verified_by == people["owner"]
    assert due.review_notified_at is None
    assert ModelLogEntry.objects.filter(
        action=review.CONFIRM, object_id=str(due.pk), user=people["owner"]
    ).exists()


def test_confirming_moves_the_narrative_back_into_search(client, due, people, narrative_index):
    narrative_index()
    client.force_login(people["owner"])
    assert client.get("/api/v1/narratives/search/", {"q": "szkół"}).json()["count"] == 0
    client.post(reverse("narratives_confirm", args=[due.pk]))
    narrative_index()
    assert client.get("/api/v1/narratives/search/", {"q": "szkół"}).json()["count"] == 1


def test_someone_who_neither_owns_nor_may_confirm_is_turned_away(client, due, people):
    """Wagtail's admin answers a permission denial with a redirect to the dashboard and a message."""
    client.force_login(people["editor"])
    url = reverse("narratives_confirm", args=[due.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    due.refresh_from_db()
    assert due.status == "needs_review"


def test_the_action_menu_offers_the_confirmation_to_the_owner(client, due, people):
    client.force_login(people["owner"])
    page = client.get(reverse("wagtailsnippets_narratives_narrative:edit", args=[due.pk])).content.decode()
    assert reverse("narratives_confirm", args=[due.pk]) in page


def test_an_expired_narrative_cannot_be_confirmed_and_is_announced_once(client, make_narrative, people):
    expired = make_narrative(
        "Stare stanowisko",
        owner=people["owner"],
        valid_from=TODAY - datetime.timedelta(days=100),
        expires_at=TODAY,
    )
    client.force_login(people["owner"])
    client.post(reverse("narratives_confirm", args=[expired.pk]))
    expired.refresh_from_db()
    assert expired.status == "expired"
    assert expired.last_verified_at is None

    assert review.sweep(NOW)["expired"] == 1
    assert review.sweep(days(1))["expired"] == 0
    assert told() == ["ekspert@um.wierzbin.pl"]


def test_the_dashboard_lists_due_and_expiring_narratives(client, due, make_narrative, people):
    make_narrative("Wkrótce wygasa", expires_at=TODAY + datetime.timedelta(days=5))
    make_narrative("Wygasa za rok", expires_at=TODAY + datetime.timedelta(days=365))
    client.force_login(people["owner"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Sieć szkół" in page
    assert reverse("narratives_confirm", args=[due.pk]) in page
    assert "Wkrótce wygasa" in page
    assert "Wygasa za rok" not in page


def test_nothing_on_the_dashboard_when_nothing_needs_attention(client, people):
    client.force_login(people["owner"])
    assert "narratives-review-heading" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_sweep_runs_every_morning():
    from cms.jobs import periodic_jobs
    from cms.narratives.jobs import review_narratives

    assert any(job.func is review_narratives and job.cron == "0 6 * * *" for job in periodic_jobs())
