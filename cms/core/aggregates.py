"""The median in the database where it can be taken there: shared by the case reports of the plugins.

PostgreSQL has ``percentile_cont``; SQLite (the embedded default) has not, so a
report asks :func:`median_in_database` and otherwise takes the median in Python
(``statistics.median``) over the few values it needs.
"""

import statistics
from collections import defaultdict

from django.db import connections
from django.db.models import Aggregate, DurationField, ExpressionWrapper, F


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5)``: the median of numbers or intervals."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"


def median_in_database(queryset):
    """Whether the database of ``queryset`` takes the median itself (PostgreSQL)."""
    return connections[queryset.db].vendor == "postgresql"


class GroupedCounts:
    """Counts of rows grouped by one field (one query per grouping), with the median time ``start``→``end``.

    ``aggregates`` are named Count()s; ``timed`` is the Q of the rows whose time is measured (answered,
    resolved). ``by(key)`` returns ``{value of key: figures(**counts, median=...)}``; ``key`` None gives
    one group of every row, under None. On SQLite the medians are taken in Python.
    """

    def __init__(self, rows, aggregates, *, timed, start, end, figures):
        self.rows, self.timed, self.start, self.end, self.figures = rows, timed, start, end, figures
        self.in_database = median_in_database(rows)
        self.aggregates = dict(aggregates)
        if self.in_database:
            duration = ExpressionWrapper(F(end) - F(start), output_field=DurationField())
            self.aggregates["median"] = Median(duration, filter=timed, output_field=DurationField())

    def by(self, key):
        if key is None:
            rows = [self.rows.aggregate(**self.aggregates)]
        else:
            rows = self.rows.values(key).annotate(**self.aggregates).order_by()
        groups = {}
        for row in rows:
            value = row.pop(key) if key else None
            groups[value] = self.figures(**row)
        if not self.in_database:
            for value, median in self._medians_in_python(key).items():
                groups[value].median = median
        return groups

    def _medians_in_python(self, key):
        times = defaultdict(list)
        fields = (key,) if key else ()
        for *group, start, end in self.rows.filter(self.timed).values_list(*fields, self.start, self.end):
            times[group[0] if key else None].append(end - start)
        return {value: statistics.median(durations) for value, durations in times.items()}
