"""Polling: the one place that reads channels' comments and messages into the inbox.

:func:`poll` asks the channel's connector for items from the stored cursor,
batch by batch while the platform says there are ``more``. Each batch is stored
in one transaction that stores its items first (``get_or_create`` by channel and
platform id, so a batch read again stores nothing twice) and then moves the
cursor to the batch's end. So when a later batch fails, the earlier ones stay
stored and the cursor stays at the last stored batch; the cursor never moves
past items that are not stored. An empty batch stores nothing, so its cursor is
kept too: a platform may move past what it does not hand out (Mastodon's
mentions of the other kind) and say there is ``more``. Reading stops at the
first batch that does not move the cursor.

Rate limits: a channel is polled at most every ``Connector.poll_interval``
seconds (``InboxCursor.next_poll_at``); a :class:`RetryableError` postpones the
next poll by the platform's ``retry_after`` (or an exponential back-off), and
:class:`InvalidCredentials` marks the channel invalid, which stops its polling
until it is connected again. :func:`hand_out` (every minute, plugins.engage.jobs)
enqueues a poll for each channel and kind whose time has come.
"""

import datetime
import logging
from functools import cached_property

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cms.jobs import enqueue
from cms.outbox import health
from cms.outbox.connectors import Capability, ConnectorError, InvalidCredentials, RetryableError
from cms.outbox.models import Channel, Delivery, Health
from plugins.engage import alerts, keywords, sentiment
from plugins.engage.models import InboxCursor, InboxItem
from plugins.engage.models.inbox import Kind

logger = logging.getLogger(__name__)

#: What a channel's connector must declare to be polled for each kind.
CAPABILITIES = {Kind.COMMENT: Capability.COMMENTS, Kind.MESSAGE: Capability.MESSAGES}
#: Batches read in one poll at most; the rest comes with the next poll, due at once.
MAX_BATCHES = 50
#: The back-off after failed polls never waits longer than this.
MAX_BACKOFF = datetime.timedelta(hours=2)


def pollable(channel, kind):
    """Whether ``channel``'s inbox of ``kind`` is read: active, not invalid, its connector able to."""
    return (
        channel.active
        and channel.health != Health.INVALID
        and channel.has_connector
        and channel.connector_class.can(CAPABILITIES[kind])
    )


def hand_out(now=None):
    """Enqueue a poll for each channel and kind whose next poll is due; return how many.

    The next poll time is moved on when the poll is handed out (a conditional
    update, so two schedulers never hand out the same poll); the poll sets it again.
    """
    now = now or timezone.now()
    count = 0
    for channel in Channel.objects.usable().order_by("pk"):
        for kind in Kind.values:
            if not pollable(channel, kind):
                continue
            state, _created = InboxCursor.objects.get_or_create(channel=channel, kind=kind)
            due = Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
            interval = datetime.timedelta(seconds=channel.connector_class.poll_interval)
            if InboxCursor.objects.filter(due, pk=state.pk).update(next_poll_at=now + interval):
                enqueue(poll, channel.pk, kind)
                count += 1
    return count


def poll_all_now():
    """Poll every usable channel's comments and messages now, in this process; return the new items' count.

    For the demo and operations: it ignores the next poll times, not the rules.
    """
    stored = 0
    for channel in Channel.objects.usable().order_by("pk"):
        for kind in Kind.values:
            if pollable(channel, kind):
                stored += poll(channel.pk, kind)
    return stored


def poll(channel_id, kind):
    """Read ``kind`` items of the channel from its cursor into the inbox; return how many were new."""
    channel = Channel.objects.select_related("owner_unit").filter(pk=channel_id).first()
    if channel is None or not pollable(channel, kind):
        return 0
    state, _created = InboxCursor.objects.get_or_create(channel=channel, kind=kind)
    interval = channel.connector_class.poll_interval
    connector = channel.connector()
    fetch = connector.fetch_comments if kind == Kind.COMMENT else connector.fetch_messages
    context = _Context(channel, kind)
    cursor, stored, delay = state.cursor, 0, interval
    try:
        for _batch_number in range(MAX_BATCHES):
            batch = fetch(cursor)
            if batch.cursor == cursor and not batch.items:
                break  # nothing new: nothing to store, nowhere to move
            new = _store(context, state.pk, cursor, batch)
            if new is None:  # another poll moved the cursor meanwhile
                break
            stored += len(new)
            alerts.alert(new)
            moved, cursor = batch.cursor != cursor, batch.cursor
            if not (batch.more and moved):
                break
        else:
            delay = 0  # more is waiting: the next poll is due at once
    except InvalidCredentials as error:
        health.mark_invalid(channel, error)
        _record(state, error=error, delay=interval, failed=True)
    except RetryableError as error:
        wait = error.retry_after if error.retry_after is not None else _backoff(interval, state.failures)
        _record(state, error=error, delay=max(wait, interval), failed=True)
    except ConnectorError as error:
        logger.warning("Polling %s of %s failed: %s", kind, channel, error)
        _record(state, error=error, delay=_backoff(interval, state.failures), failed=True)
    else:
        _record(state, delay=delay)
    return stored


def _backoff(interval, failures):
    """``interval`` doubled per failure in a row, at most MAX_BACKOFF."""
    return min(interval * 2 ** min(failures, 10), MAX_BACKOFF.total_seconds())


def _record(state, *, delay, error=None, failed=False):
    now = timezone.now()
    InboxCursor.objects.filter(pk=state.pk).update(
        polled_at=now,
        next_poll_at=now + datetime.timedelta(seconds=delay),
        last_error=str(error or ""),
        failures=state.failures + 1 if failed else 0,
    )


class _Context:
    """What storing one poll's batches needs: the channel, the watch words, our posts by platform id."""

    def __init__(self, channel, kind):
        self.channel = channel
        self.kind = kind
        self._deliveries = {}

    @cached_property
    def watch_words(self):
        """Read when the first item is stored: most polls find nothing."""
        return alerts.active_watch_words()

    def delivery(self, post_external_id):
        if not post_external_id:
            return None
        if post_external_id not in self._deliveries:
            self._deliveries[post_external_id] = (
                Delivery.objects.filter(channel=self.channel, external_id=post_external_id)
                .order_by("pk")
                .first()
            )
        return self._deliveries[post_external_id]

    def fields(self, incoming):
        created_at = incoming.created_at
        if timezone.is_naive(created_at):
            created_at = timezone.make_aware(created_at, datetime.UTC)
        return {
            "kind": incoming.kind or self.kind,
            "delivery": self.delivery(incoming.post_external_id),
            "post_external_id": incoming.post_external_id,
            "thread_id": incoming.thread_id,
            "author_name": incoming.author_name[:255],
            "author_id": incoming.author_id[:255],
            "text": incoming.text,
            "url": incoming.url[:500],
            "created_at": created_at,
            "sentiment": sentiment.classify(incoming.text),
            "keywords": keywords.matched(incoming.text, self.watch_words),
        }


def _store(context, cursor_pk, expected_cursor, batch):
    """Store ``batch``'s items and move the cursor past them, in one transaction; return the new items.

    None when the cursor is no longer ``expected_cursor`` (another poll stored this batch already).
    """
    with transaction.atomic():
        state = InboxCursor.objects.select_for_update().get(pk=cursor_pk)
        if state.cursor != expected_cursor:
            return None
        new = []
        for incoming in batch.items:
            item, created = InboxItem.objects.get_or_create(
                channel=context.channel, external_id=incoming.external_id, defaults=context.fields(incoming)
            )
            if created:
                new.append(item)
        state.cursor = batch.cursor
        state.save(update_fields=["cursor"])
    return new
