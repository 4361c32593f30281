"""Categories and reports as the spec's services, service definitions and service requests.

A service request carries what the city says about the report and nothing about
the people: never the reporter's name, e-mail or phone, never internal notes,
never the citizen's private status link, never the private photos.
"""

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext

from plugins.citizen_reports.models import PUBLIC_KINDS, Category, CategoryQuestion, ReportUpdate, UpdateKind
from plugins.citizen_reports.open311.formats import w3c

#: Timeline entries whose text is the city's public word on the report: the latest one is ``status_notes``.
#: Replies are letters to the reporter (they may greet them by name): only their status page shows them.
NOTE_KINDS = (UpdateKind.PUBLIC, UpdateKind.STATE)
#: The only columns a listing reads: no personal data is even loaded.
LISTED_FIELDS = (
    "number",
    "state",
    "description",
    "address",
    "latitude",
    "longitude",
    "media_url",
    "received_at",
    "updated_at",
    "due_at",
    "category__code",
    "category__name",
    "unit__name",
)


def services():
    """The active categories, each knowing whether it has extra questions, in one query."""
    questions = CategoryQuestion.objects.filter(category=OuterRef("pk"))
    return Category.objects.filter(active=True).annotate(has_questions=Exists(questions))


def service(category):
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": category.has_questions,
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.group,
    }


def service_definition(category):
    questions = category.questions.all()
    return {
        "service_code": category.code,
        "attributes": [attribute(question, order) for order, question in enumerate(questions, start=1)],
    }


def attribute(question, order):
    return {
        "variable": True,
        "code": question.code,
        "datatype": question.datatype,
        "required": question.required,
        "datatype_description": question.description or None,
        "order": order,
        "description": question.question,
        "values": [{"key": v["key"], "name": v["name"]} for v in question.values] if question.is_list else [],
    }


def listed(reports):
    """``reports`` with what a listing shows, in one query whatever their number."""
    timeline = ReportUpdate.objects.filter(report=OuterRef("pk")).order_by("-created_at", "-pk")
    notes = timeline.filter(kind__in=NOTE_KINDS).exclude(text="")
    return (
        reports.select_related("category", "unit")
        .only(*LISTED_FIELDS)
        .annotate(
            status_notes=Subquery(notes.values("text")[:1]),
            public_update_at=Subquery(timeline.filter(kind__in=PUBLIC_KINDS).values("created_at")[:1]),
        )
    )


def service_notice(report):
    """What the city expects to do: the resolution date while the report is open."""
    if not report.is_open or report.due_at is None:
        return ""
    due = timezone.localdate(report.due_at).isoformat()
    return gettext("We expect to resolve it by %(date)s.") % {"date": due}


def _coordinate(value):
    return float(value) if value is not None else None


def service_request(report):
    """One report of :func:`listed` as a GeoReport service request."""
    updated = max(moment for moment in (report.updated_at, report.public_update_at) if moment)
    return {
        "service_request_id": report.number,
        "status": "open" if report.is_open else "closed",
        "status_notes": report.status_notes or "",
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": report.description,
        "agency_responsible": report.unit.name if report.unit_id else "",
        "service_notice": service_notice(report),
        "requested_datetime": w3c(report.received_at),
        "updated_datetime": w3c(updated),
        "expected_datetime": w3c(report.due_at),
        "address": report.address,
        "address_id": "",
        "zipcode": "",
        "lat": _coordinate(report.latitude),
        "long": _coordinate(report.longitude),
        "media_url": report.media_url,
    }


def created(report):
    """The answer to a POST: the case number and the token (the spec allows either; both are given)."""
    return {
        "service_request_id": report.number,
        "token": report.open311_token,
        "service_notice": service_notice(report),
        "account_id": None,
    }


def token(report):
    return {"service_request_id": report.number, "token": report.open311_token}
