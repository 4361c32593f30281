"""Filters of the public page API: by topic and by publication date.

``?topic=transport`` keeps pages tagged with that topic (press releases have
topics); ``?published_after=2026-11-01&published_before=2026-11-30`` bound the
first publication. A date bound includes that whole day in the site's time
zone; an ISO 8601 date-time is exact (after: from it, before: up to it).
"""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

QUERY_PARAMETERS = ["topic", "published_after", "published_before"]


class TopicFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        slug = request.GET.get("topic")
        if not slug:
            return queryset
        from cms.editorial.models import PressReleasePage

        with_topic = PressReleasePage.objects.filter(topics__slug=slug).values("pk")
        return queryset.filter(pk__in=with_topic)


class PublishedDateFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        after = request.GET.get("published_after")
        before = request.GET.get("published_before")
        if after:
            queryset = queryset.filter(first_published_at__gte=_moment(after, "published_after", end=False))
        if before:
            queryset = queryset.filter(first_published_at__lt=_moment(before, "published_before", end=True))
        return queryset


def _moment(value, name, end):
    """An aware date-time from a date or an ISO date-time; a date ends at midnight after it."""
    try:
        day = parse_date(value)
        moment = None if day else parse_datetime(value)
    except ValueError:
        day = moment = None
    if day:
        moment = datetime.datetime.combine(day + datetime.timedelta(days=1 if end else 0), datetime.time())
    if moment is None:
        raise BadRequestError(f"{name} must be a date (2026-11-23) or an ISO 8601 date-time, not '{value}'")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
