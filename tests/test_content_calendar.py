"""The content calendar in the admin and its private iCalendar feed."""

from datetime import datetime, time, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from cms.content_calendar.models import CalendarFeedToken
from cms.editorial.models import PressReleasePage, SocialPostPage
from cms.organisation.models import Unit
from cms.plugin_api import migrations as roles

pytestmark = pytest.mark.django_db

CALENDAR = reverse("content_calendar:index")
FEED_SETTINGS = reverse("content_calendar:feed")


def in_english(user):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


@pytest.fixture
def month():
    """The first day of a month a little ahead, so scheduled times lie in the future."""
    return (timezone.localdate().replace(day=1) + timedelta(days=62)).replace(day=1)


@pytest.fixture
def at(month):
    def at(day, hour, minute=0):
        return timezone.make_aware(datetime.combine(month.replace(day=day), time(hour, minute)))

    return at


@pytest.fixture
def units():
    wgk = Unit.objects.create(name="Wydział Gospodarki Komunalnej", code="WGK")
    return {
        "WGK": wgk,
        "ZDM": Unit.objects.create(name="Zarząd Dróg Miejskich", code="ZDM", parent=wgk),
        "WKS": Unit.objects.create(name="Wydział Kultury i Sportu", code="WKS"),
    }


@pytest.fixture
def anna(make_user):
    return in_english(make_user("anna", groups=[roles.EDITORS], first_name="Anna", last_name="Nowak"))


@pytest.fixture
def piotr(make_user):
    return in_english(
        make_user("piotr", groups=[roles.MODERATORS], first_name="Piotr", last_name="Wiśniewski")
    )


def dated(page, **fields):
    """Put the page's own dates where the test needs them (they are set to "now" by Wagtail)."""
    type(page).objects.filter(pk=page.pk).update(**fields)
    page.refresh_from_db()
    return page


@pytest.fixture
def social(make_channel):
    return {
        platform: make_channel(platform, name=platform.title())
        for platform in ("facebook", "mastodon", "linkedin")
    }


@pytest.fixture
def content(press_room, units, anna, piotr, at, social):
    """One page in each state, spread over the month."""
    draft = press_room.add_child(
        instance=PressReleasePage(
            title="Nowy park", lead="Park przy ul. Lipowej.", live=False, owner=anna, unit=units["WGK"]
        )
    )
    draft.save_revision(user=anna)
    dated(draft, latest_revision_created_at=at(3, 10))

    moderated = press_room.add_child(
        instance=PressReleasePage(
            title="Remont ul. Długiej", lead="Objazdy.", live=False, owner=anna, unit=units["ZDM"]
        )
    )
    moderated.save_revision(user=anna)
    moderated.get_workflow().start(moderated, anna)
    dated(moderated, latest_revision_created_at=at(5, 9))

    scheduled = press_room.add_child(
        instance=PressReleasePage(
            title="Dni Wierzbina", lead="Program święta.", live=False, owner=piotr, unit=units["WKS"]
        )
    )
    scheduled.go_live_at = at(10, 12)
    scheduled.save_revision(user=piotr).publish()

    live_post = press_room.add_child(
        instance=SocialPostPage(
            title="Utrudnienia na Długiej",
            text="Od poniedziałku objazd.",
            target_channels=[social["facebook"], social["mastodon"]],
            owner=anna,
            unit=units["ZDM"],
        )
    )
    live_post.save_revision(user=anna).publish()
    dated(live_post, first_published_at=at(12, 8), planned_at=at(14, 16, 30))

    planned_draft = press_room.add_child(
        instance=SocialPostPage(
            title="Zapisy na półkolonie",
            text="Zapisy ruszają w poniedziałek.",
            target_channels=[social["linkedin"]],
            live=False,
            owner=piotr,
            unit=units["WKS"],
        )
    )
    planned_draft.save_revision(user=piotr)
    dated(planned_draft, latest_revision_created_at=at(1, 11), planned_at=at(20, 9))
    return {
        "draft": draft,
        "moderated": moderated,
        "scheduled": scheduled,
        "live_post": live_post,
        "planned_draft": planned_draft,
    }


def on_day(response, day):
    """(title, status) of the entries the calendar shows on ``day``."""
    for week in response.context["weeks"]:
        for cell in week:
            if cell.date == day:
                return [(entry.title, entry.status) for entry in cell.entries]
    raise AssertionError(f"{day} is not on the calendar")


def titles(response):
    return {entry.title for entry in response.context["entries"]}


class TestMonthAndWeek:
    def test_each_item_is_on_its_day_with_its_status(self, client, anna, content, month, at):
        client.force_login(anna)
        response = client.get(CALENDAR, {"view": "month", "date": month.isoformat()})
        assert response.status_code == 200
        assert on_day(response, month.replace(day=3)) == [("Nowy park", "draft")]
        assert on_day(response, month.replace(day=5)) == [("Remont ul. Długiej", "in_moderation")]
        assert on_day(response, month.replace(day=10)) == [("Dni Wierzbina", "scheduled")]
        assert on_day(response, month.replace(day=12)) == [("Utrudnienia na Długiej", "live")]
        assert on_day(response, month.replace(day=14)) == [("Utrudnienia na Długiej", "planned")]
        assert on_day(response, month.replace(day=1)) == [("Zapisy na półkolonie", "draft")]
        assert on_day(response, month.replace(day=20)) == [("Zapisy na półkolonie", "planned")]
        html = response.content.decode()
        # Each item writes its status out (colour is not the only sign): once in the legend, then per item.
        shown = {"Draft": 2, "In moderation": 1, "Scheduled": 1, "Published": 1, "Planned on channels": 2}
        for label, items in shown.items():
            assert html.count(f">{label}</span>") == 1 + items

    def test_the_month_grid_has_whole_weeks_from_monday(self, client, anna, month):
        client.force_login(anna)
        weeks = client.get(CALENDAR, {"date": month.isoformat()}).context["weeks"]
        assert all(len(week) == 7 and week[0].date.weekday() == 0 for week in weeks)
        assert weeks[0][0].date <= month < weeks[0][0].date + timedelta(days=7)
        in_month = [day.date for week in weeks for day in week if day.in_period]
        assert in_month[0] == month and all(day.month == month.month for day in in_month)
        assert (in_month[-1] + timedelta(days=1)).month != month.month

    def test_week_view_shows_seven_days_with_times(self, client, anna, content, at):
        client.force_login(anna)
        response = client.get(CALENDAR, {"view": "week", "date": at(10, 0).date().isoformat()})
        (week,) = response.context["weeks"]
        assert [day.date.weekday() for day in week] == [0, 1, 2, 3, 4, 5, 6]
        assert "Dni Wierzbina" in titles(response)
        assert all(
            week[0].date <= timezone.localdate(entry.at) <= week[-1].date
            for entry in response.context["entries"]
        )
        assert ">12:00</time>" in response.content.decode()

    def test_navigation_moves_by_the_period(self, client, anna, month):
        client.force_login(anna)
        response = client.get(CALENDAR, {"view": "month", "date": month.isoformat()})
        previous = (month - timedelta(days=1)).replace(day=1)
        assert response.context["previous_url"] == f"?view=month&date={previous.isoformat()}"
        next_month = (month + timedelta(days=32)).replace(day=1)
        assert client.get(CALENDAR + response.context["next_url"]).context["period"].day == next_month

        week = client.get(CALENDAR, {"view": "week", "date": month.isoformat()})
        monday = week.context["weeks"][0][0].date
        following = client.get(CALENDAR + week.context["next_url"])
        assert following.context["weeks"][0][0].date == monday + timedelta(days=7)

    def test_clicking_an_item_opens_it_for_editing(self, client, anna, content, month):
        client.force_login(anna)
        html = client.get(CALENDAR, {"date": month.isoformat()}).content.decode()
        edit_url = reverse("wagtailadmin_pages:edit", args=[content["draft"].pk])
        assert f'href="{edit_url}"' in html
        assert client.get(edit_url).status_code == 200

    def test_an_empty_month_says_how_items_get_there(self, client, anna, month):
        client.force_login(anna)
        html = client.get(CALENDAR, {"date": month.isoformat()}).content.decode()
        assert "Nothing is drafted, planned, scheduled or published in this period." in html


class TestFilters:
    def test_channel_shows_only_posts_for_that_channel(self, client, anna, content, social, month):
        client.force_login(anna)
        response = client.get(CALENDAR, {"date": month.isoformat(), "channel": social["mastodon"].pk})
        assert titles(response) == {"Utrudnienia na Długiej"}
        response = client.get(CALENDAR, {"date": month.isoformat(), "channel": social["linkedin"].pk})
        assert [(entry.title, entry.status) for entry in response.context["entries"]] == [
            ("Zapisy na półkolonie", "draft"),
            ("Zapisy na półkolonie", "planned"),
        ]

    def test_unit_includes_its_sub_units(self, client, anna, content, units, month):
        client.force_login(anna)
        response = client.get(CALENDAR, {"date": month.isoformat(), "unit": units["WGK"].pk})
        assert titles(response) == {"Nowy park", "Remont ul. Długiej", "Utrudnienia na Długiej"}
        response = client.get(CALENDAR, {"date": month.isoformat(), "unit": units["ZDM"].pk})
        assert titles(response) == {"Remont ul. Długiej", "Utrudnienia na Długiej"}

    def test_author(self, client, anna, piotr, content, month):
        client.force_login(anna)
        response = client.get(CALENDAR, {"date": month.isoformat(), "author": piotr.pk})
        assert titles(response) == {"Dni Wierzbina", "Zapisy na półkolonie"}
        assert "Piotr Wiśniewski" in response.content.decode()

    def test_filters_stay_on_while_navigating(self, client, anna, content, units, social, month):
        client.force_login(anna)
        query = {"date": month.isoformat(), "unit": units["ZDM"].pk, "channel": social["facebook"].pk}
        response = client.get(CALENDAR, query)
        for link in ("previous_url", "next_url", "today_url", "week_url"):
            assert f"channel={social['facebook'].pk}&unit={units['ZDM'].pk}" in response.context[link]
        week = client.get(CALENDAR + response.context["week_url"])
        assert week.context["form"].value("unit") == units["ZDM"]

    def test_nothing_matching_offers_to_clear_the_filters(self, client, anna, content, make_channel, month):
        client.force_login(anna)
        response = client.get(CALENDAR, {"date": month.isoformat(), "channel": make_channel("instagram").pk})
        html = response.content.decode()
        assert "Nothing in this period matches the filters." in html
        assert f'href="?view=month&amp;date={month.isoformat()}"' in html


class TestAccessAndBadInput:
    def test_anonymous_visitors_are_sent_to_the_admin_login(self, client):
        response = client.get(CALENDAR)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))

    def test_people_without_admin_access_are_turned_away(self, client, make_user):
        client.force_login(make_user("jan"))
        response = client.get(CALENDAR)
        assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))

    @pytest.mark.parametrize("group", [roles.SUBJECT_EXPERTS, roles.COORDINATORS, roles.ADMINISTRATORS])
    def test_every_press_office_role_sees_the_calendar_and_the_menu_item(self, client, make_user, group):
        client.force_login(make_user("ewa", groups=[group]))
        assert client.get(CALENDAR).status_code == 200
        assert CALENDAR in client.get(reverse("wagtailadmin_home")).content.decode()

    @pytest.mark.parametrize("bad_date", ["abc", "2026-13-01", "9999-12-31"])
    def test_a_bad_date_gives_a_message_and_the_current_month(self, client, anna, bad_date):
        client.force_login(anna)
        response = client.get(CALENDAR, {"date": bad_date}, follow=False)
        assert response.status_code == 200
        assert response.context["period"].day == timezone.localdate()
        messages = [str(message) for message in response.context["messages"]]
        assert any(f"The date “{bad_date}” is not valid (use YYYY-MM-DD)" in message for message in messages)

    def test_unknown_filter_values_are_ignored_with_a_message(self, client, anna, content, month):
        client.force_login(anna)
        response = client.get(
            CALENDAR, {"date": month.isoformat(), "unit": "abc", "author": "999999", "view": "year"}
        )
        assert response.status_code == 200
        assert response.context["period"].view == "month"
        assert len(titles(response)) == 5
        messages = " ".join(str(message) for message in response.context["messages"])
        assert "“abc” is not a valid choice for “Unit (with its sub-units)”" in messages
        assert "“999999” is not a valid choice for “Author”" in messages

    @pytest.mark.parametrize("view", ["month", "week"])
    def test_queries_do_not_grow_with_the_number_of_items(
        self, client, anna, content, social, press_room, units, at, view, django_assert_max_num_queries
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(anna)
        query = {"view": view, "date": at(7, 0).date().isoformat()}

        def add_posts(numbers):
            for number in numbers:
                post = press_room.add_child(
                    instance=SocialPostPage(
                        title=f"Post {number}",
                        text="Tekst",
                        target_channels=[social["facebook"]],
                        owner=anna,
                        unit=units["WKS"],
                    )
                )
                post.save_revision(user=anna).publish()
                dated(post, first_published_at=at(7, 8), planned_at=at(7, 9))

        add_posts(range(1))  # one post in the period, so its channels are read in the baseline too
        client.get(CALENDAR, query)  # warm caches (content types, the user's profile)
        with CaptureQueriesContext(connection) as baseline:
            before = titles(client.get(CALENDAR, query))
        add_posts(range(1, 11))
        with django_assert_max_num_queries(len(baseline)):
            response = client.get(CALENDAR, query)
        assert len(titles(response)) == len(before) + 10
        if view == "week":  # the week names each item's unit and author
            assert "Wydział Kultury i Sportu" in response.content.decode()


class TestFeed:
    def feed_url(self, client):
        """The address the user copies from the feed page."""
        return client.get(FEED_SETTINGS).context["feed_url"]

    def test_the_feed_lists_the_calendar_for_calendar_apps(self, client, anna, content):
        client.force_login(anna)
        assert "You have no feed address yet." in client.get(FEED_SETTINGS).content.decode()
        client.post(FEED_SETTINGS, {"action": "issue"})
        url = self.feed_url(client)
        assert url.startswith("http://testserver/calendar/") and url.endswith(".ics")
        client.logout()

        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert "no-store" in response["Cache-Control"]
        calendar = icalendar.Calendar.from_ical(response.content)
        events = {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}
        scheduled = content["scheduled"]
        event = events[f"publication-{scheduled.pk}"]
        assert str(event["SUMMARY"]) == "Scheduled: Dni Wierzbina"
        assert event.decoded("DTSTART") == scheduled.go_live_at
        assert str(event["URL"]) == "http://testserver" + reverse(
            "wagtailadmin_pages:edit", args=[scheduled.pk]
        )
        post = content["live_post"]
        assert str(events[f"channels-{post.pk}"]["SUMMARY"]) == "Planned on channels: Utrudnienia na Długiej"
        assert len(events) == 7
        # Titles only: nothing of the content itself.
        assert b"Program" not in response.content and b"objazd" not in response.content
        assert CalendarFeedToken.objects.get(user=anna).last_used_at is not None

    def test_uids_stay_the_same_between_reads(self, client, anna, content):
        token = CalendarFeedToken.issue(anna)
        url = reverse("content_calendar_ics", args=[token.token])

        def uids():
            return {
                str(e["UID"]) for e in icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")
            }

        assert uids() == uids()

    def test_a_revoked_address_gives_404(self, client, anna, content):
        client.force_login(anna)
        client.post(FEED_SETTINGS, {"action": "issue"})
        url = self.feed_url(client)
        response = client.post(FEED_SETTINGS, {"action": "revoke"}, follow=True)
        assert "The feed address is revoked" in response.content.decode()
        assert client.get(url).status_code == 404
        assert not CalendarFeedToken.objects.filter(user=anna).exists()

    def test_a_new_address_replaces_the_old_one(self, client, anna):
        client.force_login(anna)
        client.post(FEED_SETTINGS, {"action": "issue"})
        old = self.feed_url(client)
        client.post(FEED_SETTINGS, {"action": "issue"})
        new = self.feed_url(client)
        assert new != old
        assert client.get(old).status_code == 404
        assert client.get(new).status_code == 200

    def test_changing_the_address_needs_a_form_post_with_csrf(self, anna):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(anna)
        assert client.post(FEED_SETTINGS, {"action": "issue"}).status_code == 403
        assert not CalendarFeedToken.objects.filter(user=anna).exists()

    def test_the_feed_stops_when_its_user_leaves(self, client, anna):
        url = reverse("content_calendar_ics", args=[CalendarFeedToken.issue(anna).token])
        assert client.get(url).status_code == 200
        anna.is_active = False
        anna.save()
        assert client.get(url).status_code == 404

    def test_an_unknown_token_gives_404(self, client):
        assert client.get("/calendar/not-a-token.ics").status_code == 404
