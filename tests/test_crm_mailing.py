"""Distribution lists and mailing press releases through a real SMTP server on loopback."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.rich_text import RichText

from cms.core.models import Topic
from cms.editorial.models import PressReleasePage
from cms.plugin_api import migrations as roles
from plugins.crm import audit
from plugins.crm.mailing import members, send_mailing, start_mailing
from plugins.crm.models import (
    DistributionList,
    Employment,
    EntryKind,
    Mailing,
    MailingStatus,
    RecipientStatus,
    TimelineEntry,
    Unsubscription,
)
from tests.crm_contact_helpers import journalist, outlet
from tests.helpers import run_jobs

REFUSED = "nieznany@gazeta.example"
REJECTED_DATA = "pelna.skrzynka@radio.example"
CONTACT = "ewa.rzecznik@um.wierzbin.pl"


@pytest.fixture
def smtp(smtp_server):
    smtp_server.refused.add(REFUSED)
    smtp_server.rejected.add(REJECTED_DATA)
    return smtp_server


@pytest.fixture
def in_process(settings, django_capture_on_commit_callbacks):
    """Jobs run in-process when the test's transaction would commit, as without Redis."""
    settings.KOMUNIKAT_JOBS_IN_PROCESS = True
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def coordinator(make_user):
    return make_user(
        "koordynator", groups=[roles.COORDINATORS], first_name="Ewa", last_name="Rzecznik", email=CONTACT
    )


@pytest.fixture
def release(press_room, coordinator):
    page = press_room.add_child(
        instance=PressReleasePage(
            title="Nowa linia tramwajowa na Zatorze",
            lead="Od 1 września tramwaje pojadą ulicą Leśną.",
            body=[
                (
                    "paragraph",
                    RichText('<p>Budowa kosztowała <b>48 mln zł</b>. <a href="/mapa/">Mapa</a></p>'),
                ),
                ("quote", {"text": "To największa inwestycja roku.", "author": "Prezydent miasta"}),
            ],
            contact_person=coordinator,
        )
    )
    page.save_revision(user=coordinator).publish()
    return PressReleasePage.objects.get(pk=page.pk)


@pytest.fixture
def people():
    """Four journalists a list on transport reaches, and some it must not."""
    topic = Topic.objects.create(name="Transport", slug="transport")
    gazeta = outlet("Gazeta Wierzbińska")
    radio = outlet("Radio Wierzbin")
    tagged = journalist("Anna", "Nowak", "anna@gazeta.example")
    tagged.tags.add("transport")
    tagged.save()
    on_beat = journalist("Piotr", "Zieliński", "piotr@tv.example")
    on_beat.beats.add(topic)
    on_beat.save()
    at_outlet = journalist("Olga", "Wiśniewska", REFUSED, outlet=gazeta)
    by_hand = journalist("Jan", "Kowalski", REJECTED_DATA, "jan.prywatny@example.com")
    left = journalist("Ewa", "Była", "ewa@example.com")
    Employment.objects.create(journalist=left, outlet=gazeta, ended_on=datetime.date(2024, 1, 1))
    inactive = journalist("Adam", "Nieaktywny", "adam@example.com", outlet=gazeta, active=False)
    erased = journalist("Beata", "Usunięta", "beata@example.com", outlet=gazeta, erased_at=timezone.now())
    without_email = journalist("Celina", "Bezmaila", outlet=gazeta)
    elsewhere = journalist("Dawid", "Inny", "dawid@example.com", outlet=radio)
    distribution = DistributionList.objects.create(name="Transport i komunikacja")
    distribution.tags.add("transport")
    distribution.beats.add(topic)
    distribution.outlets.add(gazeta)
    distribution.journalists.add(by_hand)
    distribution.save()
    return {
        "list": distribution,
        "members": [tagged, on_beat, at_outlet, by_hand],
        "others": [left, inactive, erased, without_email, elsewhere],
        "gazeta": gazeta,
        "topic": topic,
    }


def addresses(queryset):
    return sorted(queryset.values_list("primary_address", flat=True))


def refused(response):
    """Forbidden, or Wagtail's redirect to the dashboard with a permission message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def unsubscribe_link(message):
    return re.search(r"http://[^\s]+/crm/unsubscribe/[^\s/]+/", message.get_body(("plain",)).get_content())[0]


class TestMembers:
    pytestmark = pytest.mark.django_db

    def test_tags_beats_current_outlets_and_hand_picked_in_one_query(self, people, django_assert_num_queries):
        with django_assert_num_queries(1):
            reached = list(members(people["list"]))
        assert sorted(j.pk for j in reached) == sorted(j.pk for j in people["members"])
        # The primary e-mail of the journalist with two.
        assert [j.primary_address for j in reached if j.last_name == "Kowalski"] == [REJECTED_DATA]

    def test_unsubscribed_from_the_list_or_from_all_are_left_out(self, people):
        anna, piotr, olga, _jan = people["members"]
        other_list = DistributionList.objects.create(name="Kultura")
        Unsubscription.objects.create(journalist=anna, list=people["list"])
        Unsubscription.objects.create(journalist=piotr)
        Unsubscription.objects.create(journalist=olga, list=other_list)
        assert addresses(members(people["list"])) == sorted([REJECTED_DATA, REFUSED])


class TestSending:
    pytestmark = pytest.mark.django_db

    def test_each_recipient_gets_own_message_and_status_and_failures_keep_the_reason(
        self, smtp, in_process, people, release, coordinator, client, settings
    ):
        settings.PLUGINS_CONFIG = {**settings.PLUGINS_CONFIG, "crm": {"MAILING_BATCH": 3}}
        client.force_login(coordinator)
        url = reverse("crm_mailing_send", args=[people["list"].pk])
        assert release.title in client.get(url).content.decode()
        confirm = client.post(url, {"page": release.pk})
        assert confirm.context["count"] == 4 and release.title in confirm.content.decode()
        assert not Mailing.objects.exists()  # nothing goes out before the confirmation

        with in_process():
            response = client.post(url, {"page": release.pk, "confirm": "1"})
        mailing = Mailing.objects.get()
        assert response.status_code == 302 and response.url == reverse(
            "crm_mailing:detail", args=[mailing.pk]
        )

        statuses = {r.email: (r.status, r.error) for r in mailing.recipients.all()}
        assert statuses == {
            "anna@gazeta.example": (RecipientStatus.SENT, ""),
            "piotr@tv.example": (RecipientStatus.SENT, ""),
            REFUSED: (RecipientStatus.FAILED, "550 no such user"),
            REJECTED_DATA: (RecipientStatus.FAILED, "554 mailbox full"),
        }
        assert mailing.status == MailingStatus.DONE and mailing.finished_at is not None
        assert sorted(to[0] for to, _ in smtp.messages) == ["anna@gazeta.example", "piotr@tv.example"]

        [message] = smtp.to("anna@gazeta.example")
        assert message["Subject"] == release.title
        link = unsubscribe_link(message)
        assert message["List-Unsubscribe"].strip() == f"<{link}>"
        assert message["Reply-To"] == CONTACT
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        for part in (text, html):
            assert release.lead in part and "48 mln zł" in part and link in part
            assert "http://127.0.0.1:8000/mapa/" in part  # links work outside the site
            assert "http://127.0.0.1:8000" + release.url in part
        assert "To największa inwestycja roku." in text

        detail = client.get(response.url).content.decode()
        assert "550 no such user" in detail and "554 mailbox full" in detail
        assert ModelLogEntry.objects.filter(action=audit.MAILING, object_id=str(mailing.pk)).exists()

    def test_the_send_shows_on_each_journalists_timeline(
        self, smtp, in_process, people, release, coordinator
    ):
        with in_process():
            start_mailing(people["list"], release, coordinator)
        anna, piotr, olga, jan = people["members"]
        entries = TimelineEntry.objects.filter(kind=EntryKind.PRESS_RELEASE)
        assert sorted(entries.values_list("journalist__last_name", flat=True)) == ["Nowak", "Zieliński"]
        entry = entries.get(journalist=anna)
        assert (entry.subject, entry.author, entry.about) == (release.title, coordinator, release)
        assert entry.content_type == ContentType.objects.get_for_model(PressReleasePage)

    def test_a_rerun_never_sends_twice_and_retry_sends_only_the_failed(
        self, smtp, in_process, people, release, coordinator, client
    ):
        with in_process():
            mailing = start_mailing(people["list"], release, coordinator)
        assert len(smtp.messages) == 2
        send_mailing(mailing.pk)
        assert len(smtp.messages) == 2

        smtp.refused.clear()  # the address exists now
        client.force_login(coordinator)
        with in_process():
            client.post(reverse("crm_mailing:retry", args=[mailing.pk]))
        assert [to for to, _ in smtp.messages[2:]] == [[REFUSED]]
        assert mailing.recipients.get(email=REFUSED).status == RecipientStatus.SENT
        assert mailing.recipients.get(email=REJECTED_DATA).status == RecipientStatus.FAILED
        assert Mailing.objects.get(pk=mailing.pk).status == MailingStatus.DONE

    def test_batches_follow_each_other_until_all_are_sent(
        self, smtp, in_process, people, release, coordinator, settings
    ):
        settings.PLUGINS_CONFIG = {**settings.PLUGINS_CONFIG, "crm": {"MAILING_BATCH": 1}}
        smtp.refused.clear()
        with in_process() as callbacks:
            mailing = start_mailing(people["list"], release, coordinator)
        assert len(callbacks) == 4  # the first job and one per further batch
        assert mailing.recipients.filter(status=RecipientStatus.SENT).count() == 3
        assert Mailing.objects.get(pk=mailing.pk).status == MailingStatus.DONE

    def test_only_a_published_public_release_can_be_sent(
        self, people, release, press_room, coordinator, client
    ):
        draft = press_room.add_child(instance=PressReleasePage(title="Projekt", lead="Szkic.", live=False))
        embargoed = press_room.add_child(
            instance=PressReleasePage(
                title="Pod embargiem",
                lead="Jutro.",
                embargo_until=timezone.now() + datetime.timedelta(days=1),
            )
        )
        for page in (draft, embargoed):
            with pytest.raises(ValidationError):
                start_mailing(people["list"], page, coordinator)

        client.force_login(coordinator)
        url = reverse("crm_mailing_send", args=[people["list"].pk])
        form = client.get(url).content.decode()
        assert release.title in form and "Projekt" not in form and "Pod embargiem" not in form
        response = client.post(url, {"page": draft.pk, "confirm": "1"})
        assert response.status_code == 200 and response.context["form"].errors
        assert not Mailing.objects.exists()


class TestUnsubscribe:
    pytestmark = pytest.mark.django_db

    def test_following_the_link_unsubscribes_and_the_next_mailing_skips_the_person(
        self, smtp, in_process, people, release, coordinator
    ):
        with in_process():
            start_mailing(people["list"], release, coordinator)
        link = unsubscribe_link(smtp.to("anna@gazeta.example")[0])
        path = link.removeprefix("http://127.0.0.1:8000")

        browser = Client(enforce_csrf_checks=True)
        page = browser.get(path)
        assert page.status_code == 200 and "Transport i komunikacja" in page.content.decode()
        assert browser.post(path, {"scope": "list"}).status_code == 403  # no CSRF token
        token = browser.cookies["csrftoken"].value
        done = browser.post(path, {"scope": "list", "csrfmiddlewaretoken": token})
        assert done.status_code == 200
        anna = people["members"][0]
        assert Unsubscription.objects.filter(journalist=anna, list=people["list"]).exists()

        smtp.messages.clear()
        with in_process():
            second = start_mailing(people["list"], release, coordinator)
        assert "anna@gazeta.example" not in second.recipients.values_list("email", flat=True)
        assert smtp.to("anna@gazeta.example") == [] and smtp.to("piotr@tv.example")

    def test_unsubscribing_from_everything_and_unknown_links(
        self, smtp, in_process, people, release, coordinator
    ):
        with in_process():
            start_mailing(people["list"], release, coordinator)
        path = unsubscribe_link(smtp.to("piotr@tv.example")[0]).removeprefix("http://127.0.0.1:8000")
        Client().post(path, {"scope": "all"})
        piotr = people["members"][1]
        assert Unsubscription.objects.filter(journalist=piotr, list__isnull=True).exists()
        other = DistributionList.objects.create(name="Wszyscy")
        other.journalists.add(piotr)
        other.save()
        assert not members(other).exists()
        assert Client().get("/crm/unsubscribe/nie-ma-takiego/").status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_sends_the_mailing(redis_connection, smtp, people, release, coordinator):
    mailing = start_mailing(people["list"], release, coordinator)
    assert smtp.messages == []  # the admin does not wait for the mail server
    run_jobs("notifications")
    assert sorted(to[0] for to, _ in smtp.messages) == ["anna@gazeta.example", "piotr@tv.example"]
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DONE
    assert mailing.recipients.get(email=REFUSED).error == "550 no such user"


class TestAdmin:
    pytestmark = pytest.mark.django_db

    def test_a_list_is_built_in_its_form_and_shows_its_members(self, people, coordinator, client):
        client.force_login(coordinator)
        anna, piotr, olga, jan = people["members"]
        response = client.post(
            reverse("crm_distribution_list:add"),
            {
                "name": "Gazeta i Jan",
                "description": "",
                "tags": "",
                "outlets": [people["gazeta"].pk],
                "journalists": [jan.pk],
            },
        )
        assert response.status_code == 302, response.context["form"].errors
        created = DistributionList.objects.get(name="Gazeta i Jan")
        assert sorted(j.pk for j in members(created)) == sorted([olga.pk, jan.pk])
        edit = client.get(reverse("crm_distribution_list:edit", args=[created.pk])).content.decode()
        shown = set(re.findall(r'/admin/crm_journalist/edit/(\d+)/">', edit))
        assert shown == {str(olga.pk), str(jan.pk)}
        assert reverse("crm_mailing_send", args=[created.pk]) in edit
        assert "Gazeta i Jan" in client.get(reverse("crm_distribution_list:index")).content.decode()

    def test_the_mailings_list_links_each_mailing(
        self, smtp, in_process, people, release, coordinator, client
    ):
        with in_process():
            mailing = start_mailing(people["list"], release, coordinator)
        client.force_login(coordinator)
        listing = client.get(reverse("crm_mailing:index"))
        assert listing.status_code == 200
        assert reverse("crm_mailing:detail", args=[mailing.pk]) in listing.content.decode()

    def test_lists_and_mailings_join_the_media_menu(self, coordinator, make_user, client):
        menu_urls = [reverse("crm_distribution_list:index"), reverse("crm_mailing:index")]
        client.force_login(coordinator)
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert all(url in dashboard for url in menu_urls)
        client.force_login(make_user("ekspert", groups=[roles.SUBJECT_EXPERTS]))
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert not any(url in dashboard for url in menu_urls)

    def test_editors_see_lists_and_mailings_but_cannot_send(self, people, release, make_user, client):
        client.force_login(make_user("redaktor", groups=[roles.EDITORS]))
        assert client.get(reverse("crm_distribution_list:index")).status_code == 200
        assert client.get(reverse("crm_mailing:index")).status_code == 200
        assert refused(client.get(reverse("crm_mailing_send", args=[people["list"].pk])))

    def test_a_subject_expert_is_refused_everywhere(
        self, smtp, in_process, people, release, coordinator, make_user
    ):
        with in_process():
            mailing = start_mailing(people["list"], release, coordinator)
        expert = Client()
        expert.force_login(make_user("ekspert", groups=[roles.SUBJECT_EXPERTS]))
        pk = people["list"].pk
        urls = [
            reverse("crm_distribution_list:index"),
            reverse("crm_distribution_list:add"),
            reverse("crm_distribution_list:edit", args=[pk]),
            reverse("crm_mailing_send", args=[pk]),
            reverse("crm_mailing:index"),
            reverse("crm_mailing:detail", args=[mailing.pk]),
        ]
        for url in urls:
            assert refused(expert.get(url)), url
        assert refused(
            expert.post(reverse("crm_mailing_send", args=[pk]), {"page": release.pk, "confirm": "1"})
        )
        assert refused(expert.post(reverse("crm_mailing:retry", args=[mailing.pk])))
        assert Mailing.objects.count() == 1
