"""The inbox authors' personal data (RODO export, erasure, retention), the demo setup, and polling every
channel at once for the demo."""

import io
from types import SimpleNamespace

import pytest
from django.core.management.base import OutputWrapper
from wagtail.models import ModelLogEntry

from cms.personal_data.export import collect
from plugins.engage import demo, history, polling
from plugins.engage.jobs import erase_expired_items
from plugins.engage.models import InboxItem, Reply, ReplyStatus, ReplyTemplate, WatchWord
from plugins.engage.personal_data import ERASED_TEXT, InboxAuthorSource
from tests.dummy_plugin.connectors import PLATFORM
from tests.engage_helpers import build_inbox, comments, inbox_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(make_user, make_channel, press_room):
    yield build_inbox(make_user, make_channel, press_room)
    PLATFORM.reset()


def test_inbox_authors_are_found_exported_and_erased(inbox):
    handle = inbox_item(inbox.city, 1, "Dzięki za info", author_id="Jan@Mastodon.Social")
    written = inbox_item(inbox.water, 2, "Proszę o kontakt: jan@mastodon.social, tel. 600 100 200")
    other = inbox_item(inbox.city, 3, "Kiedy naprawa?")
    Reply.objects.create(item=handle, text="Prosimy bardzo", status=ReplyStatus.SENT, by=inbox.editor)
    [found] = [f for f in collect(["jan@mastodon.social"]) if f.source.key == "engage.inbox"]
    assert set(found.records) == {handle, written}
    described = found.source.describe(handle)
    assert described["author_id"] == "Jan@Mastodon.Social" and described["channel"] == "Miasto Wierzbin"
    assert described["replies"][0]["text"] == "Prosimy bardzo"

    InboxAuthorSource().erase(written, inbox.moderator)
    written.refresh_from_db()
    assert (written.author_name, written.author_id, written.text, written.url) == ("", "", ERASED_TEXT, "")
    assert written.erased_at is not None and written.channel == inbox.water
    assert ModelLogEntry.objects.for_instance(written).get().action == history.ERASED
    assert list(InboxAuthorSource().find("jan@mastodon.social")) == [handle]
    other.refresh_from_db()
    assert other.text == "Kiedy naprawa?"


def test_items_past_retention_lose_their_author_and_text(inbox, monkeypatch):
    old = inbox_item(inbox.city, 1, "Stary komentarz", minutes_ago=60 * 24 * 400)
    recent = inbox_item(inbox.city, 2, "Nowy komentarz", minutes_ago=60 * 24 * 30)
    erase_expired_items()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.text, old.author_name) == (ERASED_TEXT, "")
    assert recent.text == "Nowy komentarz"
    monkeypatch.setenv("KOMUNIKAT_ENGAGE_RETENTION_DAYS", "7")
    erase_expired_items()
    recent.refresh_from_db()
    assert recent.text == ERASED_TEXT


def command():
    return SimpleNamespace(stdout=OutputWrapper(io.StringIO()), stderr=OutputWrapper(io.StringIO()))


def test_the_demo_adds_templates_and_watch_words_only_once():
    demo.load(command())
    crisis = ReplyTemplate.objects.filter(is_crisis=True)
    assert crisis.filter(title__icontains="awaria wodociągowa").exists()
    assert {"awaria", "wypadek", "skandal"} <= set(WatchWord.objects.values_list("word", flat=True))
    counts = ReplyTemplate.objects.count(), WatchWord.objects.count()
    demo.load(command())
    assert (ReplyTemplate.objects.count(), WatchWord.objects.count()) == counts
    assert not InboxItem.objects.exists()


def test_poll_all_now_reads_every_usable_channel_at_once(inbox):
    demo.load(command())
    comments("Znowu awaria wody!", "Dziękujemy")
    inbox.water.active = False
    inbox.water.save()
    assert polling.poll_all_now() == 2
    assert set(InboxItem.objects.values_list("channel", flat=True)) == {inbox.city.pk}
    assert InboxItem.objects.get(external_id="c1").keywords == ["awaria"]
