"""E-mails to citizens: the acknowledgement, and every public update of their report (jobs, after commit).

A report merged into another keeps its reporter informed: updates of the
report that stays go to its own reporter and to the reporter of every
duplicate, each with their own private status link. Nothing of one reporter
is ever shown to another: each e-mail goes to one address.
"""

import logging

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from plugins.citizen_reports.links import report_page, status_url
from plugins.citizen_reports.models import Report, ReportState, ReportUpdate, UpdateKind

logger = logging.getLogger(__name__)


def _render(template, context):
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"citizen_reports/email/{template}_subject.txt", context)
        body = render_to_string(f"citizen_reports/email/{template}.txt", context)
    return " ".join(subject.split()), body.strip()


def _send(messages):
    if not messages:
        return
    sender = apps.get_app_config("citizen_reports").get_setting("CITIZEN_EMAIL_FROM")
    with get_connection() as connection:
        for subject, body, recipient in messages:
            EmailMessage(subject, body, sender, [recipient], connection=connection).send()


def mail_acknowledgement(report_id):
    """Job: the case number, the private status link and the expected date, to the reporter."""
    report = Report.objects.select_related("category").get(pk=report_id)
    if not report.email:
        return
    context = {"report": report, "status_url": status_url(report)}
    _send([(*_render("acknowledgement", context), report.email)])


def mail_update(update_id):
    """Job: a public update (a step, a note for the citizen, a reply) to every reporter of the report."""
    update = ReportUpdate.objects.select_related("report__category").get(pk=update_id)
    if not update.is_public or update.kind == UpdateKind.CITIZEN:
        return
    report = update.report
    page = report_page(report)
    reporters = [report, *report.duplicates.filter(state=ReportState.DUPLICATE).select_related("category")]
    messages = []
    for reporter in reporters:
        if reporter.email:
            context = {
                "report": reporter,
                "case": report,
                "update": update,
                "status_url": status_url(reporter, page),
            }
            messages.append((*_render("update", context), reporter.email))
    _send(messages)
