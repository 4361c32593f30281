"""Everything that changes a report after it arrived, in one place for the admin and the status page.

Each function checks the person and the state through states.REPORT, changes
the report in one transaction, records a timeline entry, and tells the people
concerned: staff by notify(), citizens by e-mail for public entries.
"""

from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.admin.utils import get_user_display_name

from cms.core.refusals import Invalid, NotAllowed, Refused
from cms.jobs import enqueue
from cms.notifications.service import GENERIC, notify
from cms.organisation.people import unit_contacts
from plugins.citizen_reports import citizen_mail, deadlines, photos, roles
from plugins.citizen_reports.links import case_url
from plugins.citizen_reports.models import Report, ReportState, ReportUpdate, UpdateKind
from plugins.citizen_reports.states import REPORT


def _text(text, message):
    text = (text or "").strip()
    if not text:
        raise Invalid(message)
    return text


def record(report, kind, text="", user=None, state=""):
    update = ReportUpdate.objects.create(report=report, kind=kind, text=text, author=user, state=state)
    if update.is_public and kind != UpdateKind.CITIZEN:
        enqueue(citizen_mail.mail_update, update.pk, queue="notifications")
    return update


def _step(report, name, user, *, text="", changes=None, public=True):
    """Take transition ``name`` and record it on the timeline (public: the citizen sees and is told)."""
    REPORT.apply(report, name, user, comment=text, changes=changes)
    kind = UpdateKind.STATE if public else UpdateKind.ROUTING
    return record(report, kind, text, user, state=report.state if public else "")


def _tell_unit(report, text, event):
    people = [report.handler] if report.handler_id else (unit_contacts(report.unit) if report.unit_id else [])
    _tell(people or roles.dispatchers(), report, event, text)


def _tell(people, report, event, text):
    notify(
        [p for p in people if p],
        kind=f"citizen_reports.{event}",
        template=GENERIC,
        context={"subject": text, "message": text},
        url=case_url(report),
    )


# --- the dispatcher -------------------------------------------------------------------
def verify(report, user):
    with transaction.atomic():
        return _step(report, "verify", user)


def route(report, unit, user, reason=""):
    """Send a report from the queue to ``unit``, or move it to another unit (a reason is then required)."""
    if unit is None:
        raise Invalid(gettext("Choose the unit that is responsible."))
    moving = report.unit_id is not None and report.state in (ReportState.ASSIGNED, ReportState.IN_PROGRESS)
    if moving and unit.pk == report.unit_id:
        raise Refused(gettext("The report is with this unit already."))
    if moving:
        reason = _text(reason, gettext("Say why the report moves to another unit."))
    previous = report.unit
    with transaction.atomic():
        REPORT.apply(
            report,
            "reassign" if moving else "route",
            user,
            comment=reason,
            changes={"unit": unit, "handler": None},
        )
        if moving:
            text = gettext("Moved from %(old)s to %(new)s: %(reason)s") % {
                "old": previous,
                "new": unit,
                "reason": reason,
            }
        else:
            text = gettext("Routed to %(unit)s.") % {"unit": unit} + (f" {reason}" if reason else "")
        record(report, UpdateKind.ROUTING, text, user)
        deadlines.rerouted(report)
        _tell(
            unit_contacts(unit),
            report,
            "routed",
            gettext("Report %(n)s is yours: %(t)s") % {"n": report.number, "t": text},
        )
    return report


def hand_back(report, user, reason):
    """The unit says the report is not theirs: it goes back to the dispatcher queue with the reason."""
    reason = _text(reason, gettext("Say why the report is not your unit's."))
    with transaction.atomic():
        REPORT.apply(report, "hand_back", user, comment=reason, changes={"unit": None, "handler": None})
        record(report, UpdateKind.ROUTING, gettext("Returned to the dispatcher: %(r)s") % {"r": reason}, user)
        deadlines.rerouted(report)
        _tell(
            roles.dispatchers(),
            report,
            "returned",
            gettext("Report %(n)s was returned: %(r)s") % {"n": report.number, "r": reason},
        )
    return report


def merge(duplicate, into, user):
    """Close ``duplicate`` as a duplicate of ``into``; its reporter hears of every later step of ``into``."""
    if duplicate.pk == into.pk:
        raise Invalid(gettext("A report cannot be a duplicate of itself."))
    if into.state == ReportState.DUPLICATE:
        raise Refused(
            gettext("%(n)s is itself a duplicate; merge into the report it duplicates.") % {"n": into.number}
        )
    with transaction.atomic():
        REPORT.apply(duplicate, "merge", user, changes={"duplicate_of": into}, log_data={"into": into.number})
        # Earlier duplicates of this report follow it.
        Report.objects.filter(duplicate_of=duplicate).update(duplicate_of=into)
        text = gettext("It concerns the same problem as report %(n)s; we handle them together.") % {
            "n": into.number
        }
        record(duplicate, UpdateKind.STATE, text, user, state=ReportState.DUPLICATE)
        record(
            into,
            UpdateKind.NOTE,
            gettext("Report %(n)s merged into this one.") % {"n": duplicate.number},
            user,
        )
        deadlines.closed(duplicate)
    return duplicate


def restore(report, user):
    """Bring a rejected report or a duplicate back to the dispatcher queue."""
    with transaction.atomic():
        return _step(report, "restore", user, changes={"unit": None, "handler": None, "duplicate_of": None})


# --- the unit ---------------------------------------------------------------------------
def take(report, user):
    """The person becomes the report's handler (and starts work, if it was only assigned)."""
    if not roles.handles(user, report) or not report.unit_id:
        raise NotAllowed(gettext("Only someone of the responsible unit can take the report."))
    with transaction.atomic():
        Report.objects.filter(pk=report.pk).update(handler=user, updated_at=timezone.now())
        report.handler = user
        name = get_user_display_name(user)
        record(report, UpdateKind.ROUTING, gettext("%(name)s handles the report.") % {"name": name}, user)
        if report.state == ReportState.ASSIGNED:
            _step(report, "start", user)
    return report


def start(report, user):
    with transaction.atomic():
        return _step(report, "start", user)


def resolve(report, user, text):
    """Resolved, with a public word on what was done (also the first response, if none came before)."""
    text = _text(text, gettext("Tell the citizen what was done."))
    with transaction.atomic():
        _step(report, "resolve", user, text=text, changes={"resolved_at": timezone.now()})
        deadlines.closed(report)
    return report


def reject(report, user, text):
    """Rejected (not the city's matter, not a problem), with the reason the citizen reads."""
    text = _text(text, gettext("Give the citizen the reason for the rejection."))
    with transaction.atomic():
        _step(report, "reject", user, text=text)
        deadlines.closed(report)
    return report


def reopen(report, user, reason):
    reason = _text(reason, gettext("Say why the report is reopened."))
    with transaction.atomic():
        _step(report, "reopen", user, text=reason, changes={"resolved_at": None})
        deadlines.reopened(report)
    return report


def add_note(report, user, text):
    """An internal note: only staff who see the report read it."""
    if not roles.handles(user, report):
        raise NotAllowed(gettext("Only the dispatchers and the responsible unit write on a report."))
    with transaction.atomic():
        return record(report, UpdateKind.NOTE, _text(text, gettext("The note is empty.")), user)


def add_public_update(report, user, text):
    """A public update: on the status page and e-mailed to every reporter; the first response, if first."""
    if not roles.handles(user, report):
        raise NotAllowed(gettext("Only the dispatchers and the responsible unit write on a report."))
    if not report.is_open:
        raise Refused(gettext("Public updates are written while the report is open."))
    with transaction.atomic():
        update = record(report, UpdateKind.PUBLIC, _text(text, gettext("The update is empty.")), user)
        deadlines.responded(report, update.created_at)
    return update


# --- the citizen (status page) ---------------------------------------------------------
def reopen_until(report):
    """Until when the citizen may reopen a resolved report, or None."""
    if report.state != ReportState.RESOLVED or report.resolved_at is None:
        return None
    days = apps.get_app_config("citizen_reports").get_setting("REOPEN_DAYS")
    return report.resolved_at + timedelta(days=days)


def citizen_adds(report, text, files=()):
    """The citizen adds information or photos on the status page; the handler is told."""
    text = (text or "").strip()
    if not text and not files:
        raise Invalid(gettext("Write something or add a photo."))
    if report.state == ReportState.DUPLICATE:
        raise Refused(gettext("This report is handled together with another; write on that one's page."))
    if len(files) > photos.max_count():
        raise Invalid(gettext("Send at most %(n)s photos.") % {"n": photos.max_count()})
    clean = [photos.clean(name, data) for name, data in files]
    with transaction.atomic():
        update = record(report, UpdateKind.CITIZEN, text)
        for photo in clean:
            photos.store(report, photo, update=update)
        Report.objects.filter(pk=report.pk).update(updated_at=timezone.now())
        _tell_unit(
            report, gettext("The citizen added information to %(n)s.") % {"n": report.number}, "citizen"
        )
    return update


def citizen_reopens(report, text):
    """The citizen reopens a resolved report within the period, saying why; the handler is told."""
    text = _text(text, gettext("Tell us what is still wrong."))
    until = reopen_until(report)
    if until is None or timezone.now() > until:
        raise Refused(gettext("This report can no longer be reopened; please send a new report."))
    with transaction.atomic():
        REPORT.apply(report, "citizen_reopen", None, comment=text, changes={"resolved_at": None})
        record(report, UpdateKind.CITIZEN, text)
        record(report, UpdateKind.STATE, "", state=report.state)
        deadlines.reopened(report)
        _tell_unit(
            report, gettext("The citizen reopened %(n)s: %(t)s") % {"n": report.number, "t": text}, "reopened"
        )
    return report
