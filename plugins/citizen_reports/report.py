"""The citizen reports' SLA report: first responses and resolutions on time, by unit, category and month.

Every figure is counted in the database over the reports the user may see
(:func:`cms.organisation.scoping.scoped`). A first response counts in the period
it was given in and was on time when it came by the first response deadline; a
resolution counts in the period the report was resolved in (rejected and merged
reports are not resolutions) and was on time when it came by the resolution
deadline. The median resolution time runs from receipt to resolution: PostgreSQL's
``percentile_cont``, or Python's median over the period's resolutions on SQLite.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext

from cms.core.aggregates import GroupedCounts
from cms.organisation.models import Unit
from cms.organisation.scoping import scoped
from plugins.citizen_reports.models import OPEN_STATES, Category, Report, ReportState

DEFAULT_MONTHS = 12
RESPONSE_ON_TIME = Q(first_response_due_at__isnull=True) | Q(
    first_response_at__lte=F("first_response_due_at")
)
RESOLUTION_ON_TIME = Q(due_at__isnull=True) | Q(resolved_at__lte=F("due_at"))


@dataclass(frozen=True)
class Filters:
    """The period (both days included), the category and the unit (with the units below it)."""

    start: datetime.date
    end: datetime.date
    category: Category | None = None
    unit: Unit | None = None

    @classmethod
    def default(cls, today=None):
        """The last twelve months up to today."""
        today = today or timezone.localdate()
        return cls(today - relativedelta(months=DEFAULT_MONTHS) + datetime.timedelta(days=1), today)


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Figures:
    """One group's figures: what happened in the period, and the reports open now."""

    label: str = ""
    received: int = 0
    responded: int = 0
    responded_on_time: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    median: datetime.timedelta | None = None
    open: int = 0
    overdue: int = 0

    @property
    def response_on_time_percent(self):
        return _percent(self.responded_on_time, self.responded)

    @property
    def resolution_on_time_percent(self):
        return _percent(self.resolved_on_time, self.resolved)

    @property
    def median_hours(self):
        return round(self.median / datetime.timedelta(hours=1), 1) if self.median is not None else None

    @property
    def median_text(self):
        """The median in words ("3 days, 2 hours"); "—" without resolutions."""
        if self.median is None:
            return "—"
        now = timezone.now()
        return timesince(now - self.median, now, depth=2)


@dataclass
class Month:
    month: datetime.date
    received: int = 0
    resolved: int = 0


@dataclass
class SlaReport:
    filters: Filters
    summary: Figures
    months: list = field(default_factory=list)
    units: list = field(default_factory=list)
    categories: list = field(default_factory=list)

    @property
    def is_empty(self):
        """Nothing received, answered or resolved in the period and nothing open: nothing to show."""
        s = self.summary
        return not (s.received or s.responded or s.resolved or s.open)


def build(user, filters, now=None):
    """The report over the reports ``user`` may see, narrowed by ``filters``."""
    now = now or timezone.now()
    reports = scoped(Report.objects.all(), user)
    if filters.category:
        reports = reports.filter(category=filters.category)
    if filters.unit:
        reports = reports.filter(unit__in=Unit.objects.filter(pk=filters.unit.pk).with_descendants())
    counts = _counts(reports, _period(filters), now)
    units = counts.by("unit")
    categories = counts.by("category")
    return SlaReport(
        filters=filters,
        summary=counts.by(None)[None],
        months=_months(reports, filters),
        units=_labelled(units, Unit, gettext("No unit (dispatcher queue)")),
        categories=_labelled(categories, Category, ""),
    )


def _start_of(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_default_timezone())


def _period(filters):
    """``(from, until)``: the period as a half-open range of aware datetimes."""
    return _start_of(filters.start), _start_of(filters.end + datetime.timedelta(days=1))


def _within(name, period):
    return Q(**{f"{name}__gte": period[0], f"{name}__lt": period[1]})


def _counts(reports, period, now):
    """The period's events and the open reports, grouped by a field: one query per grouping."""
    received = _within("received_at", period)
    responded = _within("first_response_at", period)
    resolved = Q(state=ReportState.RESOLVED) & _within("resolved_at", period)
    open_now = Q(state__in=OPEN_STATES)
    return GroupedCounts(
        reports.filter(received | responded | resolved | open_now),
        {
            "received": Count("pk", filter=received),
            "responded": Count("pk", filter=responded),
            "responded_on_time": Count("pk", filter=responded & RESPONSE_ON_TIME),
            "resolved": Count("pk", filter=resolved),
            "resolved_on_time": Count("pk", filter=resolved & RESOLUTION_ON_TIME),
            "open": Count("pk", filter=open_now),
            "overdue": Count("pk", filter=open_now & Q(due_at__lte=now)),
        },
        timed=resolved,
        start="received_at",
        end="resolved_at",
        figures=Figures,
    )


def _labelled(groups, model, none_label):
    """The groups with their names, the busiest first (the group without a value under ``none_label``)."""
    names = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=[pk for pk in groups if pk])}
    for pk, group in groups.items():
        group.label = names[pk] if pk else none_label
    return sorted(groups.values(), key=lambda g: (-(g.received + g.open), g.label))


def _months(reports, filters):
    """Received and resolved per calendar month of the period."""
    first = filters.start.replace(day=1)
    months = []
    while first <= filters.end:
        months.append(first)
        first += relativedelta(months=1)
    period = _period(filters)
    zone = timezone.get_default_timezone()
    found = defaultdict(dict)
    for name, rows in (
        ("received", reports.filter(_within("received_at", period))),
        ("resolved", reports.filter(Q(state=ReportState.RESOLVED) & _within("resolved_at", period))),
    ):
        moment = "received_at" if name == "received" else "resolved_at"
        counted = rows.annotate(month=TruncMonth(moment, tzinfo=zone)).values("month").annotate(n=Count("pk"))
        for row in counted.order_by():
            found[timezone.localtime(row["month"]).date()][name] = row["n"]
    return [Month(month, **found.get(month, {})) for month in months]
