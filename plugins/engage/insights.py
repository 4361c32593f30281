"""Insights: what the platforms count for our recent posts, collected as snapshots.

:func:`collect_channel` asks a channel's connector for the counts of each of its
deliveries published in the last ``INSIGHTS_DAYS`` days and stores one
:class:`InsightSnapshot` per delivery. A :class:`RetryableError` (a rate limit)
skips the rest of the channel this round; a post the platform no longer has
(a permanent error) is skipped alone; invalid credentials mark the channel.
"""

import datetime
import logging

from django.utils import timezone

from cms.jobs import enqueue
from cms.outbox import health
from cms.outbox.connectors import Capability, ConnectorError, InvalidCredentials, RetryableError
from cms.outbox.models import Channel, Delivery, DeliveryStatus
from plugins.engage.apps import setting
from plugins.engage.models import InsightSnapshot
from plugins.engage.models.insights import METRICS

logger = logging.getLogger(__name__)


def collecting(channel):
    return channel.has_connector and channel.connector_class.can(Capability.INSIGHTS)


def channels():
    return [channel for channel in Channel.objects.usable().order_by("pk") if collecting(channel)]


def hand_out():
    """Enqueue a collection for each usable channel whose connector reads insights; return how many."""
    found = channels()
    for channel in found:
        enqueue(collect_channel, channel.pk)
    return len(found)


def collect_all():
    """Collect every channel's insights now, in this process (the demo); return the snapshots taken."""
    return sum(collect_channel(channel.pk) for channel in channels())


def recent_deliveries(channel, now):
    since = now - datetime.timedelta(days=setting("INSIGHTS_DAYS"))
    published = Delivery.objects.filter(
        channel=channel, status=DeliveryStatus.PUBLISHED, published_at__gte=since
    )
    return published.exclude(external_id="").order_by("published_at", "pk")


def collect_channel(channel_id):
    """One snapshot per recent delivery of the channel; return how many were taken."""
    channel = Channel.objects.usable().filter(pk=channel_id).first()
    if channel is None or not collecting(channel):
        return 0
    connector = channel.connector()
    now = timezone.now()
    taken = 0
    for delivery in recent_deliveries(channel, now):
        try:
            counts = connector.insights(delivery.external_id)
        except InvalidCredentials as error:
            health.mark_invalid(channel, error)
            break
        except RetryableError as error:
            logger.info("Insights of %s wait for the next round: %s", channel, error)
            break
        except ConnectorError as error:
            logger.warning("No insights for delivery %s on %s: %s", delivery.pk, channel, error)
            continue
        InsightSnapshot.objects.create(
            delivery=delivery, taken_at=now, metrics=_plain(counts), **_typed(counts)
        )
        taken += 1
    return taken


def _count(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def _typed(counts):
    return {name: _count(counts.get(name)) for name in METRICS}


def _plain(counts):
    return {str(name): _count(value) for name, value in (counts or {}).items()}
