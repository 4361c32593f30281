"""The desk's SLA report: figures of a known set of cases, its charts, scoping, filters, the empty state."""

import csv
import datetime
import io
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.core import aggregates
from plugins.inquiries import cases, report
from plugins.inquiries.models import Inquiry, InquiryKind
from tests.inquiry_helpers import open_case

pytestmark = pytest.mark.django_db

URL = "/admin/plugins/inquiries/report/"
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def _case(desk, units, days_ago, subject):
    received = timezone.now() - days_ago * DAY
    inquiry = open_case(desk, received_at=received, subject=subject)
    for unit in units:
        cases.assign_unit(inquiry, unit, user=desk.coordinator, due_at=received + DAY)
    return inquiry


def answered(desk, units, *, days_ago, hours, due_hours=24, kind=None, state="sent", subject="Odpowiedź"):
    """A case answered ``hours`` after it came, with its answer deadline ``due_hours`` after it came."""
    inquiry = _case(desk, units, days_ago, subject)
    Inquiry.objects.filter(pk=inquiry.pk).update(
        state=state,
        kind=kind or desk.kind,
        answered_at=inquiry.received_at + hours * HOUR,
        due_at=inquiry.received_at + due_hours * HOUR,
    )
    inquiry.refresh_from_db()
    return inquiry


def still_open(desk, units, *, due_in_hours, kind=None, subject="Otwarta"):
    inquiry = _case(desk, units, 20, subject)
    Inquiry.objects.filter(pk=inquiry.pk).update(
        state="waiting_for_unit", kind=kind or desk.kind, due_at=timezone.now() + due_in_hours * HOUR
    )
    return inquiry


@pytest.fixture
def known(desk):
    """Answers in the last 90 days: WGK 2h (on time) and 30h (late), MPK 4h (on time); one 200 days ago.

    Open now: overdue at WGK, at MPK and without a unit; MPK's second case has time left.
    """
    k = SimpleNamespace(interview=InquiryKind.objects.get(name="Prośba o wywiad"))
    k.a = answered(desk, [desk.wgk], days_ago=10, hours=2, subject="Lipowa")
    k.b = answered(desk, [desk.wgk], days_ago=9, hours=30, subject="Parkowa")
    k.c = answered(
        desk, [desk.mpk], days_ago=8, hours=4, kind=k.interview, state="closed", subject="Tramwaje"
    )
    k.d = answered(desk, [desk.mpk], days_ago=200, hours=1, subject="Autobusy nocne")
    k.e = still_open(desk, [desk.wgk], due_in_hours=-24, subject="Śmieci")
    k.f = still_open(desk, [desk.mpk], due_in_hours=-2, kind=k.interview, subject="Bilety")
    k.g = still_open(desk, [desk.mpk], due_in_hours=72, subject="Rozkład")
    k.h = still_open(desk, [], due_in_hours=-5, subject="Konferencja")
    return k


def by_label(groups):
    return {group.label: group for group in groups}


def test_figures_of_a_known_set_of_cases(desk, known):
    result = report.build(desk.head, report.Filters.default())

    summary = result.summary
    assert (summary.answered, summary.on_time, summary.late) == (3, 2, 1)
    assert summary.on_time_percent == 66.7
    assert summary.median == 4 * HOUR
    assert (summary.open, summary.overdue) == (4, 3)

    units = by_label(result.units)
    wgk, mpk = units[str(desk.wgk)], units[str(desk.mpk)]
    assert (wgk.answered, wgk.on_time, wgk.median, wgk.open, wgk.overdue, wgk.overdue_parts) == (
        2,
        1,
        16 * HOUR,
        1,
        1,
        1,
    )
    assert (mpk.answered, mpk.on_time, mpk.median, mpk.open, mpk.overdue, mpk.overdue_parts) == (
        1,
        1,
        4 * HOUR,
        2,
        1,
        2,
    )
    no_unit = next(group for group in result.units if group.label not in (str(desk.wgk), str(desk.mpk)))
    assert (no_unit.answered, no_unit.open, no_unit.overdue) == (0, 1, 1)

    kinds = by_label(result.kinds)
    email, interview = kinds[desk.kind.name], kinds[known.interview.name]
    assert (email.answered, email.on_time, email.median, email.open, email.overdue) == (2, 1, 16 * HOUR, 3, 2)
    assert (interview.answered, interview.on_time, interview.median, interview.overdue) == (1, 1, 4 * HOUR, 1)

    months = {month.month: month for month in result.months}
    assert len(result.months) == 12 and result.months[-1].month == timezone.localdate().replace(day=1)
    old = months[timezone.localtime(known.d.received_at).date().replace(day=1)]
    assert (old.answered, old.on_time_percent) == (1, 100.0)
    assert sum(month.answered for month in result.months) == 4
    assert [month.on_time_percent for month in result.months].count(None) >= 9  # months without answers


def test_the_median_without_percentile_cont_is_the_same(desk, known, monkeypatch):
    """SQLite has no percentile_cont: the median is then taken in Python from the period's answer times."""
    in_database = report.build(desk.head, report.Filters.default())
    monkeypatch.setattr(aggregates, "median_in_database", lambda queryset: False)
    in_python = report.build(desk.head, report.Filters.default())
    assert in_python.summary.median == in_database.summary.median == 4 * HOUR
    assert [(g.label, g.median) for g in in_python.units] == [(g.label, g.median) for g in in_database.units]
    assert [(g.label, g.median) for g in in_python.kinds] == [(g.label, g.median) for g in in_database.kinds]


def test_the_page_shows_the_figures_charts_and_tables(desk, known):
    response = client_for(desk.head).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["report"].summary.answered == 3
    assert "66,7%" in html  # on time, in the key figures (Polish number format)

    charts = response.context["charts"]
    units = charts["units"]
    assert units.labels == [str(desk.wgk), str(desk.mpk)]
    assert [series.values for series in units.series] == [[1, 1], [1, 0]]
    on_time, late = (series.label for series in units.series)
    for chart in charts.values():
        assert str(chart) in html
    assert html.count('role="img"') == 5
    # The numbers are in the drawing's bar titles and in the table for screen readers.
    assert f"<title>{desk.wgk}, {on_time}: 1</title>" in html
    assert f"<title>{desk.wgk}, {late}: 1</title>" in html
    assert f'<tr><th scope="row">{desk.mpk}</th><td>1</td><td>0</td></tr>' in html

    late_units = charts["late_units"]
    assert dict(zip(late_units.labels, late_units.series[0].values, strict=True))[str(desk.wgk)] == 1
    assert charts["late_kinds"].series[0].values == [2, 1]
    months = response.context["report"].months
    assert charts["months"].series[0].values == [month.on_time_percent for month in months]


def test_a_representative_sees_only_their_units_figures(desk, known):
    # A case of both units: MPK's representative sees it, but never WGK's row.
    answered(desk, [desk.wgk, desk.mpk], days_ago=5, hours=50, subject="Wspólna")

    result = report.build(desk.mpk_rep, report.Filters.default())
    assert (result.summary.answered, result.summary.on_time) == (2, 1)
    assert (result.summary.open, result.summary.overdue) == (2, 1)
    assert [group.label for group in result.units] == [str(desk.mpk)]
    assert sum(group.overdue for group in result.kinds) == 1

    response = client_for(desk.mpk_rep).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert desk.wgk.name not in html
    assert response.context["charts"]["units"].labels == [str(desk.mpk)]
    assert list(response.context["form"].fields["unit"].queryset) == [desk.mpk]

    # Asking for another unit's figures is not a valid choice, and scoping still holds.
    other = client_for(desk.mpk_rep).get(URL, {"unit": desk.wgk.pk})
    assert other.status_code == 200 and "unit" in other.context["form"].errors
    assert desk.wgk.name not in other.content.decode()
    assert other.context["report"].summary.answered == 2

    # The expert of WGK sees WGK's cases and the shared one, not MPK's alone.
    wgk = report.build(desk.expert, report.Filters.default())
    assert wgk.summary.answered == 3 and [group.label for group in wgk.units] == [str(desk.wgk)]


def test_filters_narrow_the_figures(desk, known):
    head = client_for(desk.head)

    by_kind = head.get(URL, {"kind": known.interview.pk}).context["report"]
    assert (by_kind.summary.answered, by_kind.summary.overdue) == (1, 1)
    assert [group.label for group in by_kind.kinds] == [known.interview.name]

    by_unit = head.get(URL, {"unit": desk.wgk.pk}).context["report"]
    assert (by_unit.summary.answered, by_unit.summary.median, by_unit.summary.overdue) == (2, 16 * HOUR, 1)
    assert [group.label for group in by_unit.units] == [str(desk.wgk)]

    Inquiry.objects.filter(pk=known.b.pk).update(priority="urgent")
    urgent = head.get(URL, {"priority": "urgent"}).context["report"]
    assert (urgent.summary.answered, urgent.summary.on_time) == (1, 0)

    day = timezone.localtime(known.d.answered_at).date()
    old = head.get(URL, {"start": day.isoformat(), "end": day.isoformat()}).context["report"]
    assert (old.summary.answered, old.summary.median) == (1, HOUR)

    reversed_period = head.get(URL, {"start": "2026-05-10", "end": "2026-05-01"})
    assert reversed_period.status_code == 200 and reversed_period.context["form"].errors
    assert reversed_period.context["report"].filters == report.Filters.default()


def test_the_csv_holds_the_tables(desk, known):
    response = client_for(desk.mpk_rep).get(URL, {"export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 1 + 1 + 12 + 1 + 2  # heading, the period, months, MPK, two kinds
    period = rows[1]
    assert period[2:9] == ["1", "1", "0", "100.0", "4.0", "2", "1"]  # ..., open, overdue
    assert [row[1] for row in rows if row[1] == str(desk.mpk)] == [str(desk.mpk)]
    assert desk.wgk.name not in response.content.decode()


def test_nothing_to_report_says_so(desk):
    response = client_for(desk.head).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["report"].is_empty
    assert "help-block" in html and "bar-chart" not in html

    filtered = client_for(desk.head).get(URL, {"kind": desk.kind.pk})
    assert filtered.context["report"].is_empty and f'href="{URL}"' in filtered.content.decode()


def test_only_people_with_the_desk_open_the_report(desk, make_user):
    outsider = make_user("bez-biura")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for query in ({}, {"export": "csv"}):
        refused = client_for(outsider).get(URL, query)  # Wagtail sends a refused person to the dashboard
        assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")

    menu = client_for(desk.mpk_rep).get(reverse("wagtailadmin_home")).content.decode()
    assert URL in menu
    assert URL not in client_for(outsider).get(reverse("wagtailadmin_home")).content.decode()
