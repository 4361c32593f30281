"""Insights in the admin: channels compared by day or week, and one post over time on each channel.

Open to people with ``engage.view_insightsnapshot``, narrowed to the channels
they may see (plugins.engage.access): another unit's post answers 404.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.charts import TONES, BarChart, Series
from cms.core.sla_report import DATE_WIDGET
from cms.outbox.models import Channel, DeliveryStatus
from plugins.engage import access, figures
from plugins.engage.apps import setting
from plugins.engage.models.insights import METRICS
from plugins.engage.views.item_page import post_edit_url

METRIC_LABELS = {
    "reach": gettext_lazy("Reach"),
    "reactions": gettext_lazy("Reactions"),
    "comments": gettext_lazy("Comments"),
    "shares": gettext_lazy("Shares"),
}
GROUPINGS = {"day": gettext_lazy("day"), "week": gettext_lazy("week")}


def tone(index):
    return TONES[index % len(TONES)]


class InsightsView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(access.INSIGHTS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def published(self):
        deliveries = access.deliveries_for(self.request.user).filter(status=DeliveryStatus.PUBLISHED)
        return figures.with_latest(deliveries).select_related("channel").prefetch_related("content_object")


class ChannelsForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("Published from"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=gettext_lazy("to"), required=False, widget=DATE_WIDGET)
    grouping = forms.ChoiceField(
        label=gettext_lazy("Totals per"), choices=list(GROUPINGS.items()), required=False
    )
    metric = forms.ChoiceField(
        label=gettext_lazy("Figure"), choices=list(METRIC_LABELS.items()), required=False
    )

    def __init__(self, data=None):
        today = timezone.localdate()
        self.default_start = today - datetime.timedelta(days=setting("INSIGHTS_DAYS") - 1)
        self.default_end = today
        super().__init__(data, initial={"start": self.default_start, "end": today})

    def values(self):
        """(start, end, grouping, metric): what was asked for where valid, the defaults elsewhere."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        start, end = data.get("start") or self.default_start, data.get("end") or self.default_end
        if start > end:
            start, end = end, start
        return start, end, data.get("grouping") or "day", data.get("metric") or "reach"


class ChannelInsightsView(InsightsView):
    """Channels' totals per day or week, one chart and one table, and the posts behind them."""

    page_title = gettext_lazy("Insights by channel")
    template_name = "engage/insights/channels.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        form = ChannelsForm(self.request.GET or None)
        start, end, grouping, metric = form.values()
        deliveries = list(
            self.published()
            .filter(published_at__date__gte=start, published_at__date__lte=end)
            .order_by("-published_at", "pk")
        )
        channel_ids = {d.channel_id for d in deliveries if d.latest_taken_at is not None}
        channels = list(Channel.objects.filter(pk__in=channel_ids).order_by("name"))
        totals = figures.channel_totals(deliveries, start, end, grouping)
        label = METRIC_LABELS[metric]
        period_label = _("Week from") if grouping == "week" else _("Day")
        shown = totals.busy_periods()
        by_period = BarChart(
            _("%(figure)s per %(period)s, by channel") % {"figure": label, "period": GROUPINGS[grouping]},
            labels=[date_format(period, "d.m") for period in shown],
            series=[
                Series(channel.name, [totals.value(channel, p, metric) for p in shown], tone(i))
                for i, channel in enumerate(channels)
            ],
            vertical=True,
            category_label=period_label,
            description=_("The sum of the latest figures of the posts published in each period."),
            empty_text=_("No post published in this period has insights yet."),
        )
        by_channel = BarChart(
            _("%(figure)s in the whole period") % {"figure": label},
            labels=[channel.name for channel in channels],
            series=[Series(str(label), [totals.channel_total(channel, metric) for channel in channels])],
            category_label=_("Channel"),
            empty_text=_("No post published in this period has insights yet."),
        )
        rows = [
            (period, [totals.value(channel, period, metric) for channel in channels])
            for period in totals.periods
        ]
        return super().get_context_data(
            form=form,
            start=start,
            end=end,
            metric_label=label,
            period_label=period_label,
            grouping=grouping,
            channels=[
                (channel, totals.post_count(channel), totals.channel_total(channel, metric))
                for channel in channels
            ],
            rows=[row for row in rows if any(value is not None for value in row[1])],
            charts={"by_period": by_period, "by_channel": by_channel},
            posts=[(d, d.content_object, figures.latest_counts(d)) for d in deliveries],
            is_empty=totals.is_empty,
            **kwargs,
        )


class PostInsightsView(InsightsView):
    """One delivered post: its reach by day on each channel it went to, the latest figures compared."""

    template_name = "engage/insights/post.html"

    def get(self, request, *args, **kwargs):
        self.delivery = self.published().filter(pk=kwargs["pk"]).first()
        if self.delivery is None:
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Insights: %(post)s") % {"post": self.delivery.content_object or _("a removed post")}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("engage:insights"), "label": _("Insights by channel")},
            {"url": "", "label": str(self.delivery.content_object or self.delivery.pk)},
        ]

    def get_context_data(self, **kwargs):
        delivery = self.delivery
        siblings = list(
            self.published()
            .filter(content_type=delivery.content_type_id, object_id=delivery.object_id)
            .prefetch_related("insight_snapshots")
            .order_by("channel__name")
        )
        days = {sibling.pk: dict(figures.daily(sibling)) for sibling in siblings}
        all_days = sorted({day for by_day in days.values() for day in by_day})
        reach = BarChart(
            _("Reach by day on each channel"),
            labels=[date_format(day, "d.m") for day in all_days],
            series=[
                Series(
                    sibling.channel.name,
                    [_reach(days[sibling.pk].get(day)) for day in all_days],
                    tone(i),
                )
                for i, sibling in enumerate(siblings)
            ]
            if all_days
            else [],
            vertical=True,
            category_label=_("Day"),
            description=_("The platform's count at the day's last collection: reach only grows."),
            empty_text=_("No insights were collected for this post yet."),
        )
        with_counts = [s for s in siblings if s.latest_taken_at is not None]
        engagement = BarChart(
            _("Reactions, comments and shares, latest"),
            labels=[sibling.channel.name for sibling in with_counts],
            series=[
                Series(str(METRIC_LABELS[name]), [getattr(s, f"latest_{name}") for s in with_counts], tone(i))
                for i, name in enumerate(("reactions", "comments", "shares"))
            ]
            if with_counts
            else [],
            category_label=_("Channel"),
            empty_text=_("No insights were collected for this post yet."),
        )
        post = delivery.content_object
        return super().get_context_data(
            delivery=delivery,
            post=post,
            post_edit_url=post_edit_url(post),
            channels=[(s, figures.latest_counts(s)) for s in siblings],
            snapshots=delivery.insight_snapshots.order_by("-taken_at", "-pk")[:100],
            charts={"reach": reach, "engagement": engagement},
            metrics=[METRIC_LABELS[name] for name in METRICS],
            **kwargs,
        )


def _reach(snapshot):
    return snapshot.reach if snapshot is not None else None
