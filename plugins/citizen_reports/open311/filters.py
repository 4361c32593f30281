"""The filters of GET requests: service_request_id, service_code, start_date, end_date, status.

As the spec says: service_request_id (comma separated) overrides every other
filter; the dates select on the requested (received) time and span at most 90
days, the last 90 days when neither is given; at most 1000 requests, newest first.
"""

import re
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext

from plugins.citizen_reports.models import OPEN_STATES, Report
from plugins.citizen_reports.open311.errors import Open311Error

WINDOW = timedelta(days=90)
LIMIT = 1000
STATUSES = ("open", "closed")
#: "+01:00" unencoded in a query string arrives as " 01:00".
SPACED_OFFSET = re.compile(r"(T[0-9:.]+) ([0-9]{2}:?[0-9]{2})$")


def case_number(value):
    """A service_request_id as a client wrote it (zi-2026-000123) as a case number: ZI/2026/000123."""
    return value.strip().upper().replace("-", "/")


def _items(value):
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _moment(params, name, *, end_of_day=False):
    raw = SPACED_OFFSET.sub(r"\1+\2", (params.get(name) or "").strip())
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        day = None if moment else parse_date(raw)
    except ValueError:
        moment = day = None
    if day is not None:
        moment = datetime.combine(day, time.max if end_of_day else time.min)
    if moment is None:
        raise Open311Error(
            400,
            gettext("%(name)s: give a date and time in ISO 8601, e.g. 2026-11-23T14:30:00+01:00.")
            % {"name": name},
        )
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def window(params, now=None):
    """(start, end) of the requested times to list."""
    start, end = _moment(params, "start_date"), _moment(params, "end_date", end_of_day=True)
    if start and end and end < start:
        raise Open311Error(400, gettext("end_date: it comes before start_date."))
    if start and end and end - start > WINDOW:
        raise Open311Error(400, gettext("start_date, end_date: the dates may span at most 90 days."))
    if start is None and end is None:
        end = now or timezone.now()
    return start or end - WINDOW, end or start + WINDOW


def requests(params):
    """The reports ``params`` (the query string) ask for, or Open311Error (400)."""
    reports = Report.objects.all()
    numbers = _items(params.get("service_request_id"))
    if numbers:
        return reports.filter(number__in=[case_number(number) for number in numbers])
    codes = _items(params.get("service_code"))
    if codes:
        reports = reports.filter(category__code__in=codes)
    statuses = {status.lower() for status in _items(params.get("status"))}
    if not statuses <= set(STATUSES):
        raise Open311Error(400, gettext("status: use open, closed or both, comma separated."))
    if statuses == {"open"}:
        reports = reports.filter(state__in=OPEN_STATES)
    elif statuses == {"closed"}:
        reports = reports.exclude(state__in=OPEN_STATES)
    start, end = window(params)
    return reports.filter(received_at__gte=start, received_at__lte=end)
