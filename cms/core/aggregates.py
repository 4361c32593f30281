"""The median in the database where it can be taken there: shared by the case reports of the plugins.

PostgreSQL has ``percentile_cont``; SQLite (the embedded default) has not, so a
report asks :func:`median_in_database` and otherwise takes the median in Python
(``statistics.median``) over the few values it needs.
"""

from django.db import connections
from django.db.models import Aggregate


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5)``: the median of numbers or intervals."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"


def median_in_database(queryset):
    """Whether the database of ``queryset`` takes the median itself (PostgreSQL)."""
    return connections[queryset.db].vendor == "postgresql"
