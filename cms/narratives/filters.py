"""Filters of the narrative list in the admin: status (derived), topic, unit, owner."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from cms.core.models import Topic
from cms.narratives.models import Narrative
from cms.narratives.status import ACTIVE, DRAFT, EXPIRED, LABELS, NEEDS_REVIEW, filter_status


class NarrativeFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(status, LABELS[status]) for status in (ACTIVE, NEEDS_REVIEW, EXPIRED, DRAFT)],
        method="filter_status",
    )
    topics = django_filters.ModelChoiceFilter(label=_("Topic"), queryset=Topic.objects.all())

    class Meta:
        model = Narrative
        fields = ["status", "topics", "unit", "owner"]

    def filter_status(self, queryset, name, value):
        return filter_status(queryset, value)
