"""The GeoReport v2 endpoints. Each answers in the format its path ends with (.json or .xml).

Reading needs no key; POST requests needs an active API key and creates the
report through intake.submit, as the public form does. Every refusal is the
spec's error list with its HTTP status: 400 for bad values, 403 for the key,
404 for what does not exist (an unknown format too), 405 for a wrong method.
"""

import re
from functools import wraps

from django.apps import apps
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt

from plugins.citizen_reports import intake
from plugins.citizen_reports.models import CategoryQuestion, Open311Key, Report, Source
from plugins.citizen_reports.open311 import filters, formats, serializers
from plugins.citizen_reports.open311.errors import Open311Error
from plugins.citizen_reports.open311.formats import JSON, XML

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
#: When this endpoint last changed (the discovery's changeset).
CHANGESET = "2026-11-23T00:00:00+01:00"
ATTRIBUTE = re.compile(r"attribute\[([^\[\]]+)\](\[\])?")
#: intake's field names as the spec's parameters (attribute[CODE] is the same in both).
PARAMETERS = {
    "category": "service_code",
    "description": "description",
    "address": "address_string",
    "location": "lat, long",
    "email": "email",
    "media_url": "media_url",
}


def _not_found(what):
    return Open311Error(404, gettext("%(what)s was not found.") % {"what": what})


def endpoint(*methods):
    """Known format (else 404), allowed method (else 405); an Open311Error raised becomes the error list."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, fmt, **kwargs):
            if fmt not in formats.CONTENT_TYPES:
                unknown = gettext("Unknown format “%(f)s”: use json or xml.") % {"f": fmt}
                return Open311Error(404, unknown).response(JSON)
            if request.method not in methods:
                error = Open311Error(405, gettext("Use %(methods)s here.") % {"methods": ", ".join(methods)})
                return error.response(fmt, headers={"Allow": ", ".join(methods)})
            try:
                return view(request, fmt, *args, **kwargs)
            except Open311Error as error:
                return error.response(fmt)

        return wrapper

    return decorate


def not_found(request, rest=""):
    """Any other path under v2/: 404 as an error list, in XML when the path ends with .xml."""
    fmt = XML if rest.endswith(".xml") else JSON
    return _not_found(request.path).response(fmt)


@endpoint("GET")
def discovery(request, fmt):
    contact = apps.get_app_config("citizen_reports").get_setting("CITIZEN_EMAIL_FROM")
    base = request.build_absolute_uri(request.path.rsplit("/", 1)[0])
    document = {
        "changeset": CHANGESET,
        "contact": gettext("Questions about this API: %(email)s") % {"email": contact},
        "key_service": gettext("API keys for posting reports are issued by the city hall: %(email)s")
        % {"email": contact},
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": formats.MEDIA_TYPES,
            }
        ],
    }
    return formats.render(fmt, "discovery", document)


@endpoint("GET")
def services(request, fmt):
    return formats.render(fmt, "services", [serializers.service(c) for c in serializers.services()])


@endpoint("GET")
def service_definition(request, fmt, service_code):
    questions = Prefetch("questions", queryset=CategoryQuestion.objects.order_by("order", "pk"))
    category = serializers.services().filter(code=service_code).prefetch_related(questions).first()
    if category is None:
        raise _not_found(f"service_code {service_code}")
    return formats.render(fmt, "service_definition", serializers.service_definition(category))


@csrf_exempt
@endpoint("GET", "POST")
def requests(request, fmt):
    if request.method == "POST":
        report = _create(request)
        return formats.render(fmt, "service_requests", [serializers.created(report)], status=201)
    reports = serializers.listed(filters.requests(request.GET)).order_by("-received_at", "-pk")
    items = [serializers.service_request(report) for report in reports[: filters.LIMIT]]
    return formats.render(fmt, "service_requests", items)


@endpoint("GET")
def request_detail(request, fmt, service_request_id):
    report = serializers.listed(Report.objects.filter(number=service_request_id)).first()
    if report is None:
        raise _not_found(f"service_request_id {service_request_id}")
    return formats.render(fmt, "service_requests", [serializers.service_request(report)])


@endpoint("GET")
def token(request, fmt, token):
    report = Report.objects.filter(open311_token=token).only("number", "open311_token").first()
    if report is None:
        raise _not_found(f"token {token}")
    return formats.render(fmt, "service_requests", [serializers.token(report)])


def _attributes(data):
    """attribute[code]=value and attribute[code][]=value (several) as {code: value or [values]}."""
    answers = {}
    for name, values in data.lists():
        match = ATTRIBUTE.fullmatch(name)
        if match is None:
            continue
        code, many = match.group(1), match.group(2) or len(values) > 1
        answers[code] = [*answers.get(code, []), *values] if many else values[0]
    return answers


def _create(request):
    data = request.POST
    key = Open311Key.objects.authenticate(data.get("api_key"))
    if key is None:
        raise Open311Error(403, gettext("api_key: the key is missing, unknown or revoked."))
    Open311Key.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    submission = intake.Submission(
        category=data.get("service_code", "").strip(),
        description=data.get("description", ""),
        address=data.get("address_string", ""),
        latitude=data.get("lat"),
        longitude=data.get("long"),
        attributes=_attributes(data),
        first_name=data.get("first_name", ""),
        last_name=data.get("last_name", ""),
        email=data.get("email", ""),
        phone=data.get("phone", ""),
        media_url=data.get("media_url", "").strip(),
        source=Source.OPEN311,
        api_key=key,
        consent_required=False,
        consent=False,
    )
    try:
        return intake.submit(submission)
    except intake.ReportInvalid as invalid:
        raise Open311Error(400, *_describe(invalid.errors, submission)) from None


def _describe(errors, submission):
    """Each of intake's errors, named by the spec's parameter."""
    described = []
    for field, message in errors.items():
        if field == "category":
            message = (
                gettext("“%(code)s” is not an active service_code.") % {"code": submission.category}
                if submission.category
                else gettext("service_code is required.")
            )
        elif field == "address":
            message = gettext("give lat and long, or address_string.")
        described.append(f"{PARAMETERS.get(field, field)}: {message}")
    return described
