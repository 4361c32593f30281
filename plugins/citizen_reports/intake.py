"""A new report, from the public form, Open311 or the admin: checked, numbered, routed, acknowledged.

The one place reports are created. Everything is checked before anything is
stored; a refusal raises Invalid with every problem by field, so the form and
the API can say what to correct.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.log_actions import log

from cms.core.numbering import next_number
from cms.core.refusals import Invalid
from cms.jobs import enqueue
from plugins.citizen_reports import attributes, citizen_mail, deadlines, photos, routing
from plugins.citizen_reports.models import Category, Report, ReportState, ReportUpdate, Source, UpdateKind

SERIES = "ZI"


class ReportInvalid(Invalid):
    """The submission has errors: ``errors`` maps a field name to its message."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(" ".join(str(message) for message in errors.values()))


@dataclass
class Submission:
    """What a citizen sent, before checking: plain values as they came."""

    category: Category | str | None
    description: str = ""
    address: str = ""
    latitude: object = None
    longitude: object = None
    attributes: dict = field(default_factory=dict)
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    consent: bool = False
    source: str = Source.FORM
    media_url: str = ""
    #: (file name, bytes) pairs; each is checked and stored without metadata.
    photos: list = field(default_factory=list)
    page: object = None
    api_key: object = None
    #: The form needs the clause accepted; other sources record consent only when given.
    consent_required: bool = True


def _category(value):
    if isinstance(value, Category):
        return value if value.active else None
    return Category.objects.filter(code=value, active=True).first() if value else None


def _coordinate(value, low, high):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", ".").strip())
    except InvalidOperation:
        raise ValueError from None
    if not low <= number <= high:
        raise ValueError
    return number.quantize(Decimal("0.000001"))


def check(submission):
    """The checked values (a dict of Report fields, answers and clean photos), or ReportInvalid."""
    errors = {}
    category = _category(submission.category)
    if category is None:
        errors["category"] = gettext("Choose a category from the list.")
    description = (submission.description or "").strip()
    if not description:
        errors["description"] = gettext("Describe the problem.")
    try:
        latitude = _coordinate(submission.latitude, -90, 90)
        longitude = _coordinate(submission.longitude, -180, 180)
    except ValueError:
        latitude = longitude = None
        errors["location"] = gettext("The point on the map is not a valid latitude and longitude.")
    address = (submission.address or "").strip()
    if (latitude is None) != (longitude is None) and "location" not in errors:
        errors["location"] = gettext("Give both the latitude and the longitude, or neither.")
    if not address and latitude is None and "location" not in errors:
        errors["address"] = gettext("Give the address or place, or mark the point on the map.")
    email = (submission.email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = gettext("Enter a valid e-mail address, e.g. jan.kowalski@example.pl.")
    media_url = (submission.media_url or "").strip()
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
            valid_url = len(media_url) <= 500
        except ValidationError:
            valid_url = False
        if not valid_url:
            errors["media_url"] = gettext(
                "Give the photo's address as an http or https URL (at most 500 characters)."
            )
    if submission.consent_required and not submission.consent:
        errors["consent"] = gettext("Confirm that you have read the information clause.")
    answers = {}
    if category is not None:
        answers, answer_errors = attributes.clean_answers(category, submission.attributes or {})
        errors.update({f"attribute[{code}]": message for code, message in answer_errors.items()})
    clean_photos = []
    if len(submission.photos) > photos.max_count():
        errors["photos"] = gettext("Send at most %(n)s photos.") % {"n": photos.max_count()}
    else:
        for name, data in submission.photos:
            try:
                clean_photos.append(photos.clean(name, data))
            except Invalid as exc:
                errors["photos"] = exc.message
    if errors:
        raise ReportInvalid(errors)
    return {
        "category": category,
        "description": description,
        "address": address[:255],
        "latitude": latitude,
        "longitude": longitude,
        "attributes": answers,
        "first_name": (submission.first_name or "").strip()[:100],
        "last_name": (submission.last_name or "").strip()[:100],
        "email": email,
        "phone": (submission.phone or "").strip()[:40],
        "media_url": media_url,
    }, clean_photos


def submit(submission, *, received_at=None, user=None):
    """Check and store a new report; route it, plan its deadlines, acknowledge it. Returns the Report."""
    values, clean_photos = check(submission)
    received_at = received_at or timezone.now()
    area = routing.area_of(values["latitude"], values["longitude"])
    unit = routing.responsible_unit(values["category"], area)
    with transaction.atomic():
        report = Report.objects.create(
            **values,
            number=next_number(SERIES, received_at),
            area=area,
            unit=unit,
            state=ReportState.ASSIGNED if unit else ReportState.RECEIVED,
            source=submission.source,
            page=submission.page,
            api_key=submission.api_key,
            consent_at=received_at if submission.consent else None,
            received_at=received_at,
        )
        for photo in clean_photos:
            photos.store(report, photo)
        ReportUpdate.objects.create(
            report=report, kind=UpdateKind.STATE, state=ReportState.RECEIVED, created_at=received_at
        )
        if unit:
            ReportUpdate.objects.create(
                report=report,
                kind=UpdateKind.ROUTING,
                text=gettext("Routed by the rules to %(unit)s.") % {"unit": unit},
                created_at=received_at,
            )
        deadlines.plan(report)
        log(instance=report, action="wagtail.create", user=user, data={"source": report.source})
        enqueue(citizen_mail.mail_acknowledgement, report.pk, queue="notifications")
    return report
