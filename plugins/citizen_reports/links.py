"""Addresses of a report: its admin case page and the citizen's private status page."""

from django.urls import reverse


def case_url(report):
    return reverse("citizen_reports:case", args=[report.pk])


def report_page(report):
    """The page the report was sent from, else the first live report page (Open311 reports)."""
    from plugins.citizen_reports.models import ReportPage

    page = report.page.specific if report.page_id else None
    if not isinstance(page, ReportPage) or not page.live:
        page = ReportPage.objects.live().order_by("path").first()
    return page


def status_url(report, page=None):
    """The absolute private status link, or "" when no report page is published."""
    page = page or report_page(report)
    if page is None:
        return ""
    return page.get_full_url().rstrip("/") + "/" + page.reverse_subpage("status", args=[report.status_token])
