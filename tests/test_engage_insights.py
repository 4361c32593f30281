"""Insights: the hourly collection (recent published posts, one snapshot each per run, rate limits skip
the channel), and the per-channel and per-post chart pages with data, without it, and out of scope."""

import datetime

import django_rq
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape

from cms.outbox.connectors import InvalidCredentials, PermanentError, RetryableError
from cms.outbox.models import Delivery, DeliveryStatus, Health
from plugins.engage import insights, jobs
from plugins.engage.models import InsightSnapshot
from tests.dummy_plugin.connectors import PLATFORM
from tests.engage_helpers import build_inbox, delivered, social_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(make_user, make_channel, press_room):
    yield build_inbox(make_user, make_channel, press_room)
    PLATFORM.reset()


def shown(text):
    with translation.override("pl"):
        return escape(translation.gettext(text))


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def asked():
    return [args[0] for name, *args in PLATFORM.calls if name == "insights"]


def test_each_run_takes_one_snapshot_of_each_recent_published_post(inbox):
    old = timezone.now() - datetime.timedelta(days=40)
    delivered(social_post(inbox.press_room, "Stary post"), inbox.city, "7", published_at=old)  # > 30 days
    Delivery.objects.create(
        content_object=social_post(inbox.press_room, "Zaplanowany post"),
        channel=inbox.city,
        status=DeliveryStatus.QUEUED,
        due_at=timezone.now(),
    )
    assert insights.collect_channel(inbox.city.pk) == 1
    assert asked() == ["1"]
    snapshot = InsightSnapshot.objects.get()
    assert (snapshot.delivery, snapshot.reach, snapshot.reactions, snapshot.comments, snapshot.shares) == (
        inbox.city_delivery,
        100,
        5,
        2,
        1,
    )
    assert snapshot.metrics == {"reach": 100, "reactions": 5, "comments": 2, "shares": 1}
    assert insights.collect_all() == 2  # both channels, one snapshot each
    assert InsightSnapshot.objects.filter(delivery=inbox.city_delivery).count() == 2


def test_the_period_is_a_plugin_setting(inbox, monkeypatch):
    Delivery.objects.filter(pk=inbox.city_delivery.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=3)
    )
    monkeypatch.setenv("KOMUNIKAT_ENGAGE_INSIGHTS_DAYS", "2")
    assert insights.collect_channel(inbox.city.pk) == 0
    monkeypatch.setenv("KOMUNIKAT_ENGAGE_INSIGHTS_DAYS", "5")
    assert insights.collect_channel(inbox.city.pk) == 1


def test_a_rate_limit_skips_the_channel_this_round_and_a_missing_post_only_itself(inbox):
    delivered(social_post(inbox.press_room, "Drugi post"), inbox.city, "3")
    PLATFORM.failures["insights"] = [RetryableError("Rate limited", retry_after=60)]
    assert insights.collect_channel(inbox.city.pk) == 0
    assert asked() == ["1"]  # the channel's other post waits for the next round
    PLATFORM.failures["insights"] = [PermanentError("Gone", platform_message="Post not found")]
    assert insights.collect_channel(inbox.city.pk) == 1
    assert InsightSnapshot.objects.get().delivery.external_id == "3"


def test_invalid_credentials_mark_the_channel_and_stop_its_collection(inbox):
    PLATFORM.failures["insights"] = [InvalidCredentials("Invalid token", platform_message="Expired.")]
    assert insights.collect_channel(inbox.city.pk) == 0
    inbox.city.refresh_from_db()
    assert inbox.city.health == Health.INVALID
    assert insights.collect_channel(inbox.city.pk) == 0
    assert asked() == ["1"]


def test_the_hourly_job_hands_each_channel_to_a_worker(
    inbox, redis_connection, settings, django_capture_on_commit_callbacks
):
    settings.KOMUNIKAT_JOBS_IN_PROCESS = False
    inbox.water.active = False
    inbox.water.save()
    with django_capture_on_commit_callbacks(execute=True):
        jobs.collect_insights()
    jobs_queued = django_rq.get_queue("default").jobs  # Wagtail's own tasks may wait there too
    handed = [(job.func, *job.args) for job in jobs_queued if job.func_name.startswith("plugins.engage.")]
    assert handed == [(insights.collect_channel, inbox.city.pk)]


def snapshot(delivery, days_ago, reach, reactions=3, comments=2, shares=1):
    return InsightSnapshot.objects.create(
        delivery=delivery,
        taken_at=timezone.now() - datetime.timedelta(days=days_ago),
        reach=reach,
        reactions=reactions,
        comments=comments,
        shares=shares,
    )


def test_the_channel_page_compares_channels_per_day_and_week(inbox):
    snapshot(inbox.city_delivery, 0, 120)
    snapshot(inbox.city_delivery, 0.01, 90)  # older: the latest counts
    snapshot(inbox.water_delivery, 0, 340)
    client = client_for(inbox.editor)
    page = client.get(reverse("engage:insights")).content.decode()
    day = date_format(timezone.localdate(inbox.city_delivery.published_at), "d.m")
    assert f"<title>{day}, Miasto Wierzbin: 120</title>" in page
    assert f"<title>{day}, MPWiK Wierzbin: 340</title>" in page
    assert "<title>Miasto Wierzbin, " in page  # the channels compared
    assert 'href="{}"'.format(reverse("engage:post_insights", args=[inbox.city_delivery.pk])) in page
    weekly = client.get(
        reverse("engage:insights"), {"grouping": "week", "metric": "comments"}
    ).content.decode()
    week = timezone.localdate(inbox.city_delivery.published_at)
    week -= datetime.timedelta(days=week.weekday())
    assert f"<title>{date_format(week, 'd.m')}, MPWiK Wierzbin: 2</title>" in weekly


def test_the_insights_pages_do_not_query_per_post_or_channel(
    inbox, make_channel, django_assert_max_num_queries
):
    snapshot(inbox.city_delivery, 1, 80)
    snapshot(inbox.city_delivery, 0, 120)
    snapshot(inbox.water_delivery, 0, 340)
    client = client_for(inbox.editor)
    pages = (reverse("engage:insights"), reverse("engage:post_insights", args=[inbox.city_delivery.pk]))
    for url in pages:
        client.get(url)  # warm caches (content types, the user's profile)
    baselines = []
    for url in pages:
        with CaptureQueriesContext(connection) as baseline:
            client.get(url)
        baselines.append(len(baseline))
    for number in range(3, 13):  # more posts on both channels, and more channels for the first post
        channel = inbox.city if number % 2 else inbox.water
        snapshot(delivered(social_post(inbox.press_room, f"Komunikat {number}"), channel, str(number)), 0, 10)
        other = make_channel(
            "dummy", {"token": "t"}, {"account": "inny"}, name=f"Kanał {number}", unit=inbox.bp
        )
        snapshot(delivered(inbox.post, other, f"p{number}"), 0, 50)
    for url, queries in zip(pages, baselines, strict=True):
        with django_assert_max_num_queries(queries):
            page = client.get(url).content.decode()
    assert "Komunikat 12" in client.get(pages[0]).content.decode()
    assert "Kanał 12: 50</title>" in page


def test_the_channel_page_without_insights_says_so(inbox):
    page = client_for(inbox.editor).get(reverse("engage:insights")).content.decode()
    assert shown("No post published in this period has insights yet.") in page
    assert "bar-chart__svg" not in page
    # The posts themselves are listed, with no figures yet.
    assert "Awaria wodociągu na Lipowej" in page


def test_the_post_page_shows_reach_by_day_on_each_channel(inbox):
    snapshot(inbox.city_delivery, 1, 80)
    snapshot(inbox.city_delivery, 0, 120, comments=7)
    snapshot(inbox.water_delivery, 0, 340)
    page = client_for(inbox.editor).get(reverse("engage:post_insights", args=[inbox.city_delivery.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    today = date_format(timezone.localdate(), "d.m")
    yesterday = date_format(timezone.localdate() - datetime.timedelta(days=1), "d.m")
    assert f"<title>{yesterday}, Miasto Wierzbin: 80</title>" in html
    assert f"<title>{today}, Miasto Wierzbin: 120</title>" in html
    assert f"<title>{today}, MPWiK Wierzbin: 340</title>" in html
    assert "<title>Miasto Wierzbin, " in html and ": 7</title>" in html  # latest comments on the city channel
    assert reverse("wagtailadmin_pages:edit", args=[inbox.post.pk]) in html


def test_the_post_page_without_insights_and_out_of_scope(inbox):
    client = client_for(inbox.mpwik_rep)
    page = client.get(reverse("engage:post_insights", args=[inbox.water_delivery.pk]))
    assert page.status_code == 200
    assert shown("No insights were collected for this post yet.") in page.content.decode()
    # Another unit's post answers 404; the channel page shows their channels only.
    snapshot(inbox.city_delivery, 0, 120)
    assert client.get(reverse("engage:post_insights", args=[inbox.city_delivery.pk])).status_code == 404
    assert "Miasto Wierzbin" not in client.get(reverse("engage:insights")).content.decode()
