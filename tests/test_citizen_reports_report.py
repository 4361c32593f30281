"""The citizen reports' SLA report: figures of a known set of reports, scoping, filters, charts and CSV."""

import csv
import io
import re
from collections import Counter
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from cms.core import aggregates
from plugins.citizen_reports import report
from plugins.citizen_reports.models import Report
from tests.report_helpers import submit

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def shown(text):
    """``text`` as the admin shows it: in Polish (once translated), HTML-escaped."""
    with translation.override("pl"):
        return escape(translation.gettext(text))


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def shaped(
    category,
    *,
    days_ago,
    state,
    response_after=None,
    response_due=2 * DAY,
    resolved_after=None,
    due=14 * DAY,
    **fields,
):
    """A report received ``days_ago``, answered and resolved after the given times, with its deadlines."""
    received = timezone.now() - days_ago * DAY
    item = submit(category, **fields)
    Report.objects.filter(pk=item.pk).update(
        state=state,
        received_at=received,
        first_response_due_at=received + response_due,
        first_response_at=received + response_after if response_after is not None else None,
        due_at=received + due,
        resolved_at=received + resolved_after if resolved_after is not None else None,
    )
    item.refresh_from_db()
    return item


@pytest.fixture
def known(city):
    """ZDM: two resolved lamps (a on time in 48 h, b late in 240 h; b's first response late too).
    ZZM: an open tree past its deadline (c), and a tree resolved 400 days ago (d, outside the period).
    No unit: an open report in the queue (e)."""
    k = SimpleNamespace()
    k.a = shaped(city.lamp, days_ago=10, state="resolved", response_after=HOUR, resolved_after=48 * HOUR)
    k.b = shaped(
        city.lamp, days_ago=20, state="resolved", response_after=5 * DAY, resolved_after=10 * DAY, due=5 * DAY
    )
    k.c = shaped(
        city.tree,
        days_ago=5,
        state="in_progress",
        response_after=HOUR,
        due=2 * DAY,
        attributes={"size": "big"},
    )
    k.d = shaped(
        city.tree,
        days_ago=400,
        state="resolved",
        response_after=HOUR,
        resolved_after=DAY,
        attributes={"size": "small"},
    )
    k.e = shaped(city.other, days_ago=3, state="received", due=10 * DAY)
    return k


def by_label(groups):
    return {group.label: group for group in groups}


def test_the_figures_of_a_known_set_of_reports(city, known):
    result = report.build(city.dispatcher, report.Filters.default())
    s = result.summary
    assert (s.received, s.responded, s.responded_on_time, s.resolved, s.resolved_on_time) == (4, 3, 2, 2, 1)
    assert (s.response_on_time_percent, s.resolution_on_time_percent) == (66.7, 50.0)
    assert s.median == 144 * HOUR and s.median_hours == 144.0
    assert (s.open, s.overdue) == (2, 1)

    units = by_label(result.units)
    zdm, zzm = units[str(city.zdm)], units[str(city.zzm)]
    assert (zdm.received, zdm.responded_on_time, zdm.resolved, zdm.resolved_on_time) == (2, 1, 2, 1)
    assert zdm.median == 144 * HOUR and zdm.overdue == 0
    assert (zzm.received, zzm.response_on_time_percent, zzm.resolved, zzm.overdue) == (1, 100.0, 0, 1)
    assert zzm.median is None and zzm.median_text == "—"
    queue = units[translation.gettext("No unit (dispatcher queue)")]
    assert (queue.received, queue.open, queue.responded) == (1, 1, 0)

    categories = by_label(result.categories)
    assert set(categories) == {city.lamp.name, city.tree.name, city.other.name}
    assert categories[city.tree.name].resolved == 0  # the tree resolved 400 days ago is outside

    expected = Counter(
        timezone.localtime(r.received_at).date().replace(day=1) for r in (known.a, known.b, known.c, known.e)
    )
    resolved = Counter(timezone.localtime(r.resolved_at).date().replace(day=1) for r in (known.a, known.b))
    assert len(result.months) in (12, 13)
    assert {m.month: m.received for m in result.months if m.received} == dict(expected)
    assert {m.month: m.resolved for m in result.months if m.resolved} == dict(resolved)


def test_the_median_in_python_matches_the_database(city, known, monkeypatch):
    monkeypatch.setattr(aggregates, "median_in_database", lambda queryset: False)
    result = report.build(city.dispatcher, report.Filters.default())
    assert result.summary.median == 144 * HOUR
    assert by_label(result.units)[str(city.zdm)].median == 144 * HOUR


def test_a_representative_counts_only_their_units_reports(city, known):
    result = report.build(city.zdm_rep, report.Filters.default())
    assert (result.summary.received, result.summary.open) == (2, 0)
    assert [group.label for group in result.units] == [str(city.zdm)]
    assert [group.label for group in result.categories] == [city.lamp.name]


def test_filters_narrow_the_period_the_category_and_the_unit(city, known):
    default = report.Filters.default()
    trees = report.build(city.dispatcher, report.Filters(default.start, default.end, category=city.tree))
    assert (trees.summary.received, trees.summary.overdue) == (1, 1)
    roads = report.build(city.dispatcher, report.Filters(default.start, default.end, unit=city.zdm))
    assert roads.summary.resolved == 2 and roads.summary.open == 0
    long_ago = timezone.localdate() - 400 * DAY
    old = report.build(city.dispatcher, report.Filters(long_ago - 5 * DAY, long_ago + 5 * DAY))
    assert (old.summary.received, old.summary.resolved, old.summary.open) == (1, 1, 2)
    assert not old.is_empty


def test_the_report_page_draws_charts_and_tables_and_exports_csv(city, known):
    client = client_for(city.dispatcher)
    page = client.get(reverse("citizen_reports:report"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "66,7%" in html and "50,0%" in html
    assert str(city.zdm) in html and city.tree.name in html

    export = client.get(reverse("citizen_reports:report"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    period = rows[1]
    assert period[2:9] == ["4", "3", "2", "66.7", "2", "1", "50.0"] and period[9] == "144.0"
    groups = {row[1]: row for row in rows}
    assert groups[str(city.zdm)][2:7] == ["2", "2", "1", "50.0", "2"]
    assert groups[city.tree.name][11] == "1"  # overdue now
    months = [row for row in rows if re.fullmatch(r"\d{4}-\d{2}", row[1])]
    assert sum(int(row[2]) for row in months) == 4 and sum(int(row[6]) for row in months) == 2

    filtered = client.get(
        reverse("citizen_reports:report"),
        {"category": city.lamp.pk, "start": "2001-01-01", "end": "2001-12-31"},
    )
    empty = (
        "No report was received, answered or resolved in this period and none is open among the reports "
        "that match these filters."
    )
    assert shown(empty) in filtered.content.decode()
    backwards = client.get(reverse("citizen_reports:report"), {"start": "2026-05-01", "end": "2026-01-01"})
    assert backwards.status_code == 200
    assert shown("The period cannot end before it starts.") in backwards.content.decode()


def test_the_report_needs_the_permission_to_see_reports(city, make_user):
    """Someone in the admin without the reports' permission gets neither the report nor its menu item."""
    nobody = make_user("gosc")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(nobody)
    refused = client.get(reverse("citizen_reports:report"))
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")  # as Wagtail refuses
    assert reverse("citizen_reports:report") not in client.get(reverse("wagtailadmin_home")).content.decode()
    menu = client_for(city.zdm_rep).get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("citizen_reports:report") in menu
