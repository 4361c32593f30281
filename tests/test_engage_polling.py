"""Polling the channels' inboxes: cursors that only move past stored items, rate limits, invalid
tokens, keyword alerts, sentiment, the scheduler's hand-out and a real RQ worker."""

import dataclasses
import datetime

import django_rq
import pytest
from django.utils import timezone

from cms.notifications.models import Notification
from cms.outbox.connectors import InvalidCredentials, RetryableError
from cms.outbox.models import Health
from plugins.engage import jobs, polling, sentiment
from plugins.engage.models import InboxCursor, InboxItem, WatchWord
from tests.dummy_plugin.connectors import PLATFORM, DummyConnector, comment
from tests.engage_helpers import build_inbox, comments
from tests.helpers import run_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(make_user, make_channel, press_room):
    yield build_inbox(make_user, make_channel, press_room)
    PLATFORM.reset()


def cursor_of(channel, kind="comment"):
    return InboxCursor.objects.get(channel=channel, kind=kind)


def fetched_from(method="fetch_comments"):
    """The cursors the platform was asked from, in order."""
    return [args[0] for name, *args in PLATFORM.calls if name == method]


def fail_from(monkeypatch, cursor, error):
    """The platform raises ``error`` once when asked for comments from ``cursor``."""
    call, pending = PLATFORM.call, [error]

    def failing(method, *args):
        if method == "fetch_comments" and args == (cursor,) and pending:
            PLATFORM.calls.append((method, *args))
            raise pending.pop()
        return call(method, *args)

    monkeypatch.setattr(PLATFORM, "call", failing)


def test_a_poll_reads_batch_after_batch_and_keeps_the_last_cursor(inbox):
    comments("Pierwszy", "Drugi", "Trzeci", "Czwarty", "Piąty")
    assert polling.poll(inbox.city.pk, "comment") == 5
    assert fetched_from() == ["", "2", "4"]
    assert cursor_of(inbox.city).cursor == "5"
    items = InboxItem.objects.filter(channel=inbox.city)
    assert sorted(items.values_list("external_id", flat=True)) == ["c1", "c2", "c3", "c4", "c5"]
    # Newest first, each under our post "1" on this channel.
    assert items.first().text == "Piąty"
    assert {item.delivery for item in items} == {inbox.city_delivery}
    state = cursor_of(inbox.city)
    assert state.last_error == "" and state.failures == 0
    interval = datetime.timedelta(seconds=DummyConnector.poll_interval)
    assert timezone.now() + interval - state.next_poll_at < datetime.timedelta(seconds=5)


def test_a_long_backlog_is_read_over_several_polls_due_at_once(inbox, monkeypatch):
    monkeypatch.setattr(polling, "MAX_BATCHES", 2)
    comments("Pierwszy", "Drugi", "Trzeci", "Czwarty", "Piąty")
    assert polling.poll(inbox.city.pk, "comment") == 4
    state = cursor_of(inbox.city)
    assert state.cursor == "4" and state.next_poll_at <= timezone.now()
    assert polling.poll(inbox.city.pk, "comment") == 1


def test_a_poll_failing_half_way_keeps_the_earlier_batches_and_their_cursor(inbox, monkeypatch):
    comments("Pierwszy", "Drugi", "Trzeci", "Czwarty", "Piąty")
    fail_from(
        monkeypatch, "2", RetryableError("Server error", platform_message="Bad gateway", status_code=502)
    )
    assert polling.poll(inbox.city.pk, "comment") == 2
    assert set(InboxItem.objects.values_list("external_id", flat=True)) == {"c1", "c2"}
    state = cursor_of(inbox.city)
    assert state.cursor == "2"
    assert "Bad gateway" in state.last_error and state.failures == 1

    # The next poll goes on from the last stored batch and stores the rest, each once.
    assert polling.poll(inbox.city.pk, "comment") == 3
    assert fetched_from() == ["", "2", "2", "4"]
    assert InboxItem.objects.count() == 5
    assert cursor_of(inbox.city).cursor == "5" and cursor_of(inbox.city).failures == 0


def test_an_empty_batch_keeps_its_cursor_and_reading_goes_on_while_there_is_more(inbox, monkeypatch):
    # Like Mastodon's one stream of mentions: a page of only the other kind hands out nothing,
    # yet the platform's position moves past it and more is waiting.
    comments("Pierwszy", "Drugi", "Trzeci", "Czwarty", "Piąty", "Szósty", "Siódmy")
    handed_out = {"c1", "c5"}
    fetch = DummyConnector.fetch_comments

    def only_some(connector, cursor):
        batch = fetch(connector, cursor)
        return dataclasses.replace(batch, items=tuple(i for i in batch.items if i.external_id in handed_out))

    monkeypatch.setattr(DummyConnector, "fetch_comments", only_some)
    assert polling.poll(inbox.city.pk, "comment") == 2
    assert fetched_from() == ["", "2", "4", "6"]  # on past the empty batch of c3 and c4
    assert set(InboxItem.objects.values_list("external_id", flat=True)) == {"c1", "c5"}
    # The last batch (c7) is empty too, and its cursor is kept: nothing is read twice.
    assert cursor_of(inbox.city).cursor == "7"
    assert polling.poll(inbox.city.pk, "comment") == 0
    assert fetched_from()[-1] == "7" and cursor_of(inbox.city).cursor == "7"


def test_a_batch_read_again_stores_nothing_twice(inbox):
    comments("Pierwszy", "Drugi", "Trzeci")
    polling.poll(inbox.city.pk, "comment")
    InboxCursor.objects.filter(channel=inbox.city).update(cursor="")  # the platform hands out the same again
    assert polling.poll(inbox.city.pk, "comment") == 0
    assert InboxItem.objects.count() == 3
    assert cursor_of(inbox.city).cursor == "3"


def test_the_cursor_never_moves_past_items_that_were_not_stored(inbox, monkeypatch):
    # Nothing new: the cursor stays.
    assert polling.poll(inbox.city.pk, "comment") == 0
    assert cursor_of(inbox.city).cursor == ""
    # The database refuses the second item of a batch: none of it is kept, nor the batch's cursor.
    comments("Dobre", "Zepsute")
    classify = sentiment.classify

    def refusing(text):
        if text == "Zepsute":
            raise RuntimeError("database refused")
        return classify(text)

    monkeypatch.setattr(sentiment, "classify", refusing)
    with pytest.raises(RuntimeError):
        polling.poll(inbox.city.pk, "comment")
    assert InboxItem.objects.count() == 0
    assert cursor_of(inbox.city).cursor == ""
    monkeypatch.setattr(sentiment, "classify", classify)
    assert polling.poll(inbox.city.pk, "comment") == 2


def test_a_rate_limit_postpones_the_next_poll_by_the_platforms_wait(inbox):
    comments("Pierwszy")
    PLATFORM.failures["fetch_comments"] = [
        RetryableError("Rate limited", platform_message="Too many calls", status_code=429, retry_after=900)
    ]
    assert polling.poll(inbox.city.pk, "comment") == 0
    state = cursor_of(inbox.city)
    wait = state.next_poll_at - timezone.now()
    assert datetime.timedelta(seconds=890) < wait <= datetime.timedelta(seconds=900)
    assert "Too many calls" in state.last_error
    assert state.cursor == ""
    # Not handed out again before then; the channel's messages and the other channel are.
    assert polling.hand_out(now=timezone.now() + datetime.timedelta(seconds=600)) == 3
    assert cursor_of(inbox.city).next_poll_at == state.next_poll_at


def test_retryable_errors_without_a_wait_back_off_exponentially(inbox):
    interval = DummyConnector.poll_interval
    for failures in range(3):
        PLATFORM.failures["fetch_comments"] = [RetryableError("Timeout", maybe_done=True)]
        polling.poll(inbox.city.pk, "comment")
        wait = (cursor_of(inbox.city).next_poll_at - timezone.now()).total_seconds()
        assert interval * 2**failures - 5 < wait <= interval * 2**failures
    assert cursor_of(inbox.city).failures == 3


def test_an_invalid_token_marks_the_channel_invalid_and_stops_its_polling(inbox):
    comments("Pierwszy")
    PLATFORM.failures["fetch_comments"] = [
        InvalidCredentials("Invalid token", platform_message="The token has expired.", status_code=401)
    ]
    assert polling.poll(inbox.city.pk, "comment") == 0
    inbox.city.refresh_from_db()
    assert inbox.city.health == Health.INVALID
    assert "The token has expired." in inbox.city.health_message
    # Its owner unit's people hear of it (cms.outbox.health), and the channel is no longer polled.
    told = Notification.objects.filter(kind="outbox.channel_unhealthy")
    assert {n.recipient for n in told} == {inbox.editor}
    assert polling.poll(inbox.city.pk, "comment") == 0
    assert fetched_from() == [""]
    assert polling.hand_out(now=timezone.now() + datetime.timedelta(days=1)) == 2  # the water channel only


def test_watch_words_alert_the_press_office_once_per_item(inbox):
    WatchWord.objects.create(word="awaria", inflected=True)
    WatchWord.objects.create(word="brak wody", inflected=True)
    WatchWord.objects.create(word="pożar", inflected=False, active=False)
    comments("Od rana BRAK WODY na Lipowej, kolejna awaria?", "Dziękujemy za informację", "Pożar!")
    polling.poll(inbox.city.pk, "comment")
    alerted = InboxItem.objects.get(external_id="c1")
    assert alerted.keywords == ["awaria", "brak wody"]
    assert alerted.alerted_at is not None
    assert InboxItem.objects.get(external_id="c2").keywords == []
    assert InboxItem.objects.get(external_id="c3").keywords == []  # the inactive word does not count
    notices = Notification.objects.filter(kind="engage.keyword_alert")
    assert {n.recipient for n in notices} == {inbox.editor, inbox.coordinator, inbox.moderator}
    notice = notices.get(recipient=inbox.moderator)
    assert "awaria, brak wody" in notice.subject and "Miasto Wierzbin" in notice.subject
    assert "kolejna awaria" in notice.body
    assert notice.url.endswith(f"/items/{alerted.pk}/")

    # Read again, or alerted again: nobody hears twice.
    InboxCursor.objects.filter(channel=inbox.city).update(cursor="")
    polling.poll(inbox.city.pk, "comment")
    from plugins.engage import alerts

    assert alerts.alert([alerted]) == 0
    assert notices.count() == 3


def test_new_items_get_a_sentiment_and_only_our_posts_on_the_same_channel(inbox):
    comments("Skandal, znowu nie działa!", "Brawo, świetna robota", "Kiedy naprawa?")
    comments("Na innym poście", post="999", start=4)
    polling.poll(inbox.city.pk, "comment")
    by_id = {item.external_id: item for item in InboxItem.objects.all()}
    assert by_id["c1"].sentiment == "negative"
    assert by_id["c2"].sentiment == "positive"
    assert by_id["c3"].sentiment == "neutral"
    assert by_id["c4"].delivery is None and by_id["c4"].post_external_id == "999"
    # The water channel's post is "2": a comment there on "1" is not under our post.
    PLATFORM.reset()
    comments("Pod postem MPWiK", post="2")
    comments("Nie nasz", post="1", start=2)
    polling.poll(inbox.water.pk, "comment")
    water = {item.external_id: item.delivery for item in InboxItem.objects.filter(channel=inbox.water)}
    assert water == {"c1": inbox.water_delivery, "c2": None}


def test_messages_are_polled_with_their_own_cursor(inbox):
    message = comment(1, "Proszę o kontakt", post_external_id="")
    PLATFORM.messages.append(dataclasses.replace(message, kind="message", thread_id="t1"))
    assert polling.poll(inbox.city.pk, "message") == 1
    item = InboxItem.objects.get()
    assert (item.kind, item.thread_id) == ("message", "t1")
    assert cursor_of(inbox.city, "message").cursor == "1"
    assert not InboxCursor.objects.filter(channel=inbox.city, kind="comment").exists()


def test_hand_out_enqueues_each_due_channel_and_kind_once(
    inbox, redis_connection, settings, django_capture_on_commit_callbacks
):
    settings.KOMUNIKAT_JOBS_IN_PROCESS = False
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert polling.hand_out(now) == 4
    jobs_queued = django_rq.get_queue("default").jobs  # Wagtail's own tasks may wait there too
    handed = [(job.func, *job.args) for job in jobs_queued if job.func_name.startswith("plugins.engage.")]
    channels = (inbox.city, inbox.water)
    expected = [(polling.poll, channel.pk, kind) for channel in channels for kind in ("comment", "message")]
    assert sorted(handed, key=str) == sorted(expected, key=str)
    assert polling.hand_out(now + datetime.timedelta(seconds=30)) == 0  # claimed until its interval passes
    inbox.water.active = False
    inbox.water.save()
    assert polling.hand_out(now + datetime.timedelta(seconds=61)) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_scheduled_job_polls_on_a_real_worker(
    make_user, make_channel, press_room, redis_connection, settings
):
    settings.KOMUNIKAT_JOBS_IN_PROCESS = False
    inbox = build_inbox(make_user, make_channel, press_room)
    WatchWord.objects.create(word="awaria")
    comments("Awaria na Lipowej", "Drugi", "Trzeci")
    jobs.poll_due()
    assert django_rq.get_queue("default").count >= 4
    run_jobs("default")
    assert sorted(InboxItem.objects.filter(channel=inbox.city).values_list("external_id", flat=True)) == [
        "c1",
        "c2",
        "c3",
    ]
    assert cursor_of(inbox.city).cursor == "3"
    # The in-memory platform shows both channels the same comments: one alert per item, to three people.
    assert InboxItem.objects.alerting().count() == 2
    assert Notification.objects.filter(kind="engage.keyword_alert").count() == 6
    jobs.poll_due()  # nothing is due again yet
    assert django_rq.get_queue("default").count == 0
    PLATFORM.reset()
