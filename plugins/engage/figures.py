"""The figures behind the insights screens: a post's counts over time, and channels' totals by period.

Counts are cumulative on the platforms, so a post's figure is its latest
snapshot; a channel's total for a day or week is the sum of the latest figures
of its posts published in that day or week.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from plugins.engage.models import InsightSnapshot
from plugins.engage.models.insights import METRICS


def with_latest(deliveries):
    """``deliveries`` annotated with their latest snapshot's counts (``latest_reach``...) and time."""
    latest = InsightSnapshot.objects.filter(delivery=OuterRef("pk")).order_by("-taken_at", "-pk")
    annotations = {f"latest_{name}": Subquery(latest.values(name)[:1]) for name in METRICS}
    return deliveries.annotate(latest_taken_at=Subquery(latest.values("taken_at")[:1]), **annotations)


def latest_counts(delivery):
    return {name: getattr(delivery, f"latest_{name}") for name in METRICS}


def daily(delivery, days=30):
    """The delivery's last snapshot of each day it has snapshots on, oldest first (at most ``days``).

    The snapshots come in their model's order (oldest first), prefetched when the caller did.
    """
    by_day = {}
    for snapshot in delivery.insight_snapshots.all():
        by_day[timezone.localdate(snapshot.taken_at)] = snapshot
    return list(by_day.items())[-days:]


@dataclass
class ChannelTotals:
    """Per channel and period (day or week start), the summed latest counts of its posts."""

    periods: list
    #: {(channel pk, period): {metric: total}}
    totals: dict = field(default_factory=dict)
    posts: dict = field(default_factory=dict)

    def value(self, channel, period, metric):
        return self.totals.get((channel.pk, period), {}).get(metric)

    def channel_total(self, channel, metric):
        values = [self.value(channel, period, metric) for period in self.periods]
        values = [value for value in values if value is not None]
        return sum(values) if values else None

    def post_count(self, channel):
        return sum(self.posts.get((channel.pk, period), 0) for period in self.periods)

    def busy_periods(self):
        """The periods from the first to the last one with figures (the chart's axis)."""
        busy = [i for i, period in enumerate(self.periods) if any(key[1] == period for key in self.totals)]
        return self.periods[busy[0] : busy[-1] + 1] if busy else []

    @property
    def is_empty(self):
        return not self.totals


def period_start(day, grouping):
    return day - datetime.timedelta(days=day.weekday()) if grouping == "week" else day


def periods_between(start, end, grouping):
    step = datetime.timedelta(days=7 if grouping == "week" else 1)
    current, found = period_start(start, grouping), []
    while current <= end:
        found.append(current)
        current += step
    return found


def channel_totals(deliveries, start, end, grouping):
    """Totals of the ``deliveries`` (annotated by :func:`with_latest`) published from ``start`` to ``end``."""
    result = ChannelTotals(periods_between(start, end, grouping))
    sums = defaultdict(dict)
    for delivery in deliveries:
        if delivery.latest_taken_at is None:
            continue
        period = period_start(timezone.localdate(delivery.published_at), grouping)
        key = (delivery.channel_id, period)
        result.posts[key] = result.posts.get(key, 0) + 1
        bucket = sums[key]
        for name in METRICS:
            value = getattr(delivery, f"latest_{name}")
            if value is not None:
                bucket[name] = bucket.get(name, 0) + value
    result.totals = dict(sums)
    return result
