"""Notifications: who is told what, by e-mail and in the admin, and how people read them there."""

import logging
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from wagtail.users.models import UserProfile

from cms.notifications import notify
from cms.notifications.models import Notification
from cms.notifications.service import GENERIC
from cms.plugin_api import migrations as roles

pytestmark = pytest.mark.django_db

INDEX = reverse("notifications:index")
READ_ALL = reverse("notifications:read_all")


def speaking(language, user):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    return user


@pytest.fixture
def anna(make_user):
    return speaking("en", make_user("anna", groups=[roles.EDITORS], email="anna@um.wierzbin.pl"))


@pytest.fixture
def piotr(make_user):
    return speaking("pl", make_user("piotr", groups=[roles.MODERATORS], email="piotr@um.wierzbin.pl"))


def tell(users, subject, message="Treść.", url=""):
    return notify(
        users,
        kind="tests.notice",
        template=GENERIC,
        context={"subject": subject, "message": message},
        url=url,
    )


def open_url(notification):
    return reverse("notifications:open", args=[notification.pk])


class TestNotify:
    def test_each_distinct_active_user_is_told_once_in_their_own_language(self, anna, piotr, make_user):
        jan = make_user("jan", groups=[roles.EDITORS])  # no e-mail address
        gone = make_user("ewa", email="ewa@um.wierzbin.pl", is_active=False)
        told = notify(
            [anna, piotr, anna, jan, gone],
            kind="tests.status",
            template=GENERIC,
            context={"subject": gettext_lazy("System status"), "message": "Redis działa."},
            url="/admin/status/",
        )

        assert [n.recipient for n in told] == [anna, piotr, jan]
        assert Notification.objects.count() == 3
        by_user = {n.recipient.username: n for n in told}
        assert by_user["anna"].subject == "System status"
        assert by_user["piotr"].subject == "Stan systemu"
        assert "Open it: http://127.0.0.1:8000/admin/status/" in by_user["anna"].body
        assert "Otwórz: http://127.0.0.1:8000/admin/status/" in by_user["piotr"].body
        assert all(n.url == "/admin/status/" and n.kind == "tests.status" for n in told)
        assert all(n.read_at is None for n in told)

        assert sorted(message.to[0] for message in mail.outbox) == [
            "anna@um.wierzbin.pl",
            "piotr@um.wierzbin.pl",
        ]
        [to_anna] = [message for message in mail.outbox if message.to == ["anna@um.wierzbin.pl"]]
        assert (to_anna.subject, to_anna.body) == (by_user["anna"].subject, by_user["anna"].body)
        assert to_anna.from_email == settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL

    def test_a_queryset_of_users_and_a_multiline_subject(self, anna, piotr):
        [told] = tell(get_user_model().objects.filter(username="anna"), "Przegląd\n   stanowiska\n")
        assert told.recipient == anna
        assert told.subject == "Przegląd stanowiska"
        assert mail.outbox[0].subject == "Przegląd stanowiska"

    def test_an_absolute_url_is_kept_and_no_url_means_no_link(self, anna):
        [linked] = tell([anna], "Zgłoszenie", url="https://mapa.wierzbin.pl/zgloszenie/7")
        assert "Open it: https://mapa.wierzbin.pl/zgloszenie/7" in linked.body
        [plain] = tell([anna], "Bez linku")
        assert plain.body == "Treść." and plain.url == ""

    def test_a_failed_email_is_logged_and_the_others_are_still_told(self, anna, piotr, monkeypatch, caplog):
        send = EmailBackend.send_messages

        def refuse_anna(backend, messages):
            if any("anna@um.wierzbin.pl" in message.to for message in messages):
                raise ConnectionRefusedError("serwer poczty nie odpowiada")
            return send(backend, messages)

        monkeypatch.setattr(EmailBackend, "send_messages", refuse_anna)
        with caplog.at_level(logging.ERROR, logger="cms.notifications.service"):
            told = tell([anna, piotr], "Przypomnienie")

        assert [n.recipient for n in told] == [anna, piotr]
        assert Notification.objects.filter(recipient=anna).exists()
        assert [message.to for message in mail.outbox] == [["piotr@um.wierzbin.pl"]]
        [record] = caplog.records
        assert "anna@um.wierzbin.pl" in record.getMessage() and record.exc_info


class TestDashboard:
    def test_unread_notifications_are_on_the_dashboard(self, client, anna, piotr):
        [read] = tell([anna], "Stare przypomnienie")
        Notification.objects.filter(pk=read.pk).mark_read()
        [fresh] = tell([anna], "Sprawdź stanowisko w sprawie parku", url="/admin/pages/")
        tell([piotr], "Wiadomość dla Piotra")

        client.force_login(anna)
        html = client.get("/admin/").content.decode()
        assert 'id="notifications-section"' in html
        assert "Sprawdź stanowisko w sprawie parku" in html and open_url(fresh) in html
        assert "Stare przypomnienie" not in html
        assert "Wiadomość dla Piotra" not in html
        assert "Mark all as read" in html

    def test_only_the_ten_newest_are_listed(self, client, anna):
        for number in range(12):
            tell([anna], f"Powiadomienie nr {number}")
        client.force_login(anna)
        html = client.get("/admin/").content.decode()
        shown = re.findall(r"Powiadomienie nr (\d+)", html)
        assert shown == [str(number) for number in range(11, 1, -1)]

    def test_nothing_is_shown_when_all_are_read(self, client, anna):
        tell([anna], "Przeczytane")
        Notification.objects.mark_read()
        client.force_login(anna)
        html = client.get("/admin/").content.decode()
        assert 'id="notifications-section"' not in html
        assert "Przeczytane" not in html

    def test_mark_all_as_read_from_the_dashboard(self, client, anna, piotr):
        tell([anna, piotr], "Do przeczytania")
        client.force_login(anna)
        response = client.post(READ_ALL, {"next": "/admin/"})
        assert response.status_code == 302 and response.url == "/admin/"
        assert not Notification.objects.for_user(anna).unread().exists()
        assert Notification.objects.for_user(piotr).unread().count() == 1
        assert 'id="notifications-section"' not in client.get("/admin/").content.decode()


class TestOpening:
    def test_opening_marks_it_read_and_goes_to_its_address(self, client, anna):
        [notification] = tell([anna], "Stanowisko do przeglądu", url="/admin/pages/")
        client.force_login(anna)
        response = client.get(open_url(notification))
        assert response.status_code == 302 and response.url == "/admin/pages/"
        notification.refresh_from_db()
        assert notification.read_at is not None

        first_read = notification.read_at
        client.post(open_url(notification))
        notification.refresh_from_db()
        assert notification.read_at == first_read

    def test_a_notification_without_an_address_opens_the_list(self, client, anna):
        [notification] = tell([anna], "Bez linku")
        client.force_login(anna)
        assert client.get(open_url(notification)).url == INDEX

    def test_another_users_notification_is_not_found(self, client, anna, piotr):
        [theirs] = tell([piotr], "Tylko dla Piotra", url="/admin/pages/")
        client.force_login(anna)
        assert client.get(open_url(theirs)).status_code == 404
        theirs.refresh_from_db()
        assert theirs.read_at is None


class TestList:
    def test_the_list_shows_own_notifications_with_their_state(self, client, anna, piotr):
        [read] = tell([anna], "Przeczytana wiadomość", message="Park przy ul. Lipowej " * 20)
        Notification.objects.filter(pk=read.pk).mark_read()
        [unread] = tell([anna], "Nowa wiadomość")
        tell([piotr], "Cudza wiadomość")

        client.force_login(anna)
        html = client.get(INDEX).content.decode()
        assert "Przeczytana wiadomość" in html and "Nowa wiadomość" in html
        assert "Cudza wiadomość" not in html
        assert open_url(unread) in html
        assert "Mark all as read" in html and f'data-w-action-url-value="{READ_ALL}"' in html
        assert "Park przy ul. Lipowej " * 6 in html and "Park przy ul. Lipowej " * 20 not in html
        assert re.search(r'w-status--primary">\s*Unread\s*</span>', html)
        assert re.search(r'class="w-status">\s*Read\s*</span>', html)

        unread_only = client.get(INDEX, {"status": "unread"}).content.decode()
        assert "Nowa wiadomość" in unread_only and "Przeczytana wiadomość" not in unread_only
        read_only = client.get(reverse("notifications:index_results"), {"status": "read"}).content.decode()
        assert "Przeczytana wiadomość" in read_only and "Nowa wiadomość" not in read_only

    def test_the_list_has_pages_of_25(self, client, anna):
        for number in range(30):
            tell([anna], f"Powiadomienie nr {number}")
        client.force_login(anna)
        first = re.findall(r"Powiadomienie nr (\d+)", client.get(INDEX).content.decode())
        second = re.findall(r"Powiadomienie nr (\d+)", client.get(INDEX, {"p": 2}).content.decode())
        assert first == [str(number) for number in range(29, 4, -1)]
        assert second == ["4", "3", "2", "1", "0"]

    def test_an_empty_list_says_what_will_appear(self, client, anna):
        client.force_login(anna)
        html = client.get(INDEX).content.decode()
        assert "You have no notifications yet." in html
        assert "Mark all as read" not in html

    def test_mark_all_as_read_stays_on_this_site(self, client, anna):
        tell([anna], "Do przeczytania")
        client.force_login(anna)
        assert client.get(READ_ALL).status_code == 405
        response = client.post(READ_ALL, {"next": "https://example.com/admin/"})
        assert response.url == INDEX
        assert not Notification.objects.unread().exists()
        with translation.override("en"):
            assert "All your notifications are marked as read." in client.get(INDEX).content.decode()


class TestMenu:
    def test_the_menu_item_counts_unread_notifications(self, client, anna):
        client.force_login(anna)
        assert '"Notifications"' in client.get(INDEX).content.decode()

        told = tell([anna], "Pierwsze") + tell([anna], "Drugie") + tell([anna], "Trzecie")
        assert "Notifications (3)" in client.get("/admin/").content.decode()

        client.get(open_url(told[0]))
        assert "Notifications (2)" in client.get("/admin/").content.decode()
