"""The desk's SLA report: answers on time, the median answer time, overdue cases by unit and kind.

Every figure is counted in the database over the cases the user may see
(:func:`cms.organisation.scoping.scoped`); a unit's representative sees only the
rows of their units. An answer counts in the period it was sent in; it was on
time when it went out by the case's answer deadline (``due_at``: the policy's,
never later than the statutory or extended date). The median answer time (from
receipt to the sent answer) is PostgreSQL's ``percentile_cont``; on SQLite, the
embedded default, it is taken in Python over the period's answer times only.
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
from cms.organisation.scoping import is_press_office, scoped, unit_ids
from plugins.inquiries.models import Assignment, Inquiry, InquiryKind, InquiryState
from plugins.inquiries.models.inquiries import OPEN_STATES

DEFAULT_DAYS = 90
MONTHS = 12
ANSWERED_STATES = (InquiryState.SENT, InquiryState.CLOSED)
ON_TIME = Q(due_at__isnull=True) | Q(answered_at__lte=F("due_at"))


@dataclass(frozen=True)
class Filters:
    """The period (both days included) and the kind, unit (with the units below it) and priority."""

    start: datetime.date
    end: datetime.date
    kind: InquiryKind | None = None
    unit: Unit | None = None
    priority: str = ""

    @classmethod
    def default(cls, today=None):
        today = today or timezone.localdate()
        return cls(today - datetime.timedelta(days=DEFAULT_DAYS - 1), today)


@dataclass
class Figures:
    """One group's figures: answers sent in the period (how many, on time, median time) and cases open now."""

    label: str = ""
    answered: int = 0
    on_time: int = 0
    median: datetime.timedelta | None = None
    open: int = 0
    overdue: int = 0
    #: Units' parts past their internal deadline (rows of units only).
    overdue_parts: int = 0

    @property
    def late(self):
        return self.answered - self.on_time

    @property
    def on_time_percent(self):
        return round(100 * self.on_time / self.answered, 1) if self.answered else None

    @property
    def median_hours(self):
        return round(self.median / datetime.timedelta(hours=1), 1) if self.median is not None else None

    @property
    def median_text(self):
        """The median in words ("2 days, 3 hours"); "—" without answers."""
        if self.median is None:
            return "—"
        now = timezone.now()
        return timesince(now - self.median, now, depth=2)


@dataclass
class Month(Figures):
    month: datetime.date | None = None


@dataclass
class Report:
    filters: Filters
    summary: Figures
    months: list = field(default_factory=list)
    units: list = field(default_factory=list)
    kinds: list = field(default_factory=list)

    @property
    def is_empty(self):
        """Nothing answered in the period and nothing open: the report has nothing to show."""
        return not self.summary.answered and not self.summary.open


def build(user, filters, now=None):
    """The report of the cases ``user`` may see, narrowed by ``filters``."""
    now = now or timezone.now()
    subtree = _subtree(filters.unit) if filters.unit else None
    cases = _cases(user, filters, subtree)
    answered = Q(
        state__in=ANSWERED_STATES,
        answered_at__gte=_start_of(filters.start),
        answered_at__lt=_start_of(filters.end + datetime.timedelta(days=1)),
    )
    counts = _counts(cases.filter(answered | Q(state__in=OPEN_STATES)), answered, now)
    return Report(
        filters=filters,
        summary=counts.by(None)[None],
        months=_months(cases, filters.end),
        units=_units(counts, cases, _shown_units(user, subtree), now),
        kinds=_kinds(counts),
    )


def _counts(cases, answered, now):
    """Answers in the period and open cases, grouped by a field: one query per grouping."""
    return GroupedCounts(
        cases,
        {
            "answered": Count("pk", filter=answered),
            "on_time": Count("pk", filter=answered & ON_TIME),
            "open": Count("pk", filter=Q(state__in=OPEN_STATES)),
            "overdue": Count("pk", filter=Q(pk__in=Inquiry.objects.overdue(now).values("pk"))),
        },
        timed=answered,
        start="received_at",
        end="answered_at",
        figures=Figures,
    )


def _cases(user, filters, subtree):
    cases = scoped(Inquiry.objects.all(), user)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.priority:
        cases = cases.filter(priority=filters.priority)
    if subtree is not None:
        cases = cases.assigned_to(Unit.objects.filter(pk__in=subtree))
    return cases


def _subtree(unit):
    """Ids of ``unit`` and of every unit below it."""
    return set(Unit.objects.filter(pk=unit.pk).with_descendants().values_list("pk", flat=True))


def _start_of(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_default_timezone())


def _months(cases, last_day):
    """On time per month for the twelve months up to the period's end (the period's start aside)."""
    first = last_day.replace(day=1) - relativedelta(months=MONTHS - 1)
    months = [first + relativedelta(months=n) for n in range(MONTHS)]
    answered = cases.filter(
        state__in=ANSWERED_STATES,
        answered_at__gte=_start_of(first),
        answered_at__lt=_start_of(months[-1] + relativedelta(months=1)),
    )
    rows = (
        answered.annotate(month=TruncMonth("answered_at", tzinfo=timezone.get_default_timezone()))
        .values("month")
        .annotate(answered=Count("pk"), on_time=Count("pk", filter=ON_TIME))
        .order_by()
    )
    found = {timezone.localtime(row["month"]).date(): row for row in rows}
    return [
        Month(answered=found[month]["answered"], on_time=found[month]["on_time"], month=month)
        if month in found
        else Month(month=month)
        for month in months
    ]


def _units(counts, cases, shown, now):
    """A row per assigned unit (cases without a unit under None), of the ``shown`` units only."""
    groups = defaultdict(Figures, counts.by("assignments__unit"))
    late_parts = Assignment.objects.filter(
        inquiry__in=cases.open().values("pk"), contributed_at__isnull=True, due_at__lte=now
    )
    for row in late_parts.values("unit").annotate(n=Count("pk")).order_by():
        groups[row["unit"]].overdue_parts = row["n"]
    if shown is not None:
        groups = {unit: group for unit, group in groups.items() if unit in shown}
    names = {unit.pk: str(unit) for unit in Unit.objects.filter(pk__in=[pk for pk in groups if pk])}
    for unit, group in groups.items():
        group.label = names[unit] if unit else gettext("No unit (press office only)")
    return sorted(groups.values(), key=lambda g: (-g.answered, -g.overdue, g.label))


def _shown_units(user, subtree):
    """Ids of the units whose rows the user sees (their own, within the filter); None: every row."""
    shown = None if is_press_office(user) else set(unit_ids(user))
    if subtree is not None:
        shown = subtree if shown is None else shown & subtree
    return shown


def _kinds(counts):
    """A row per kind with answers in the period or cases open now, in the kinds' order."""
    groups = counts.by("kind")
    rows = []
    for kind in InquiryKind.objects.filter(pk__in=list(groups)):
        groups[kind.pk].label = kind.name
        rows.append(groups[kind.pk])
    return rows
