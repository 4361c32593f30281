"""A narrative search request, checked once for the API and the admin search screen."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cms.core.models import Topic
from cms.narratives.status import ACTIVE, SEARCHABLE
from cms.organisation.models import Unit

PAGE_SIZE = 20
MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class NarrativeQuery:
    q: str
    topic: str = ""
    tag: str = ""
    unit: str = ""
    status: str = ACTIVE
    page: int = 1
    page_size: int = PAGE_SIZE


def parse(params, *, require_text=True):
    """A NarrativeQuery from request parameters, or ValidationError naming every bad one."""
    errors = {}
    q = " ".join(params.get("q", "").split())
    if len(q) < MIN_QUERY_LENGTH and (require_text or q):
        errors["q"] = _("Type at least %(count)d characters to search.") % {"count": MIN_QUERY_LENGTH}
    elif len(q) > MAX_QUERY_LENGTH:
        errors["q"] = _("The query is too long (at most %(count)d characters).") % {"count": MAX_QUERY_LENGTH}
    status = params.get("status") or ACTIVE
    if status not in SEARCHABLE:
        errors["status"] = _("Unknown status “%(status)s”; use one of: %(choices)s.") % {
            "status": status,
            "choices": ", ".join(SEARCHABLE),
        }
    topic = params.get("topic", "").strip()
    if topic and not Topic.objects.filter(slug=topic).exists():
        errors["topic"] = _("Unknown topic “%(topic)s”.") % {"topic": topic}
    unit = params.get("unit", "").strip().upper()
    if unit and not Unit.objects.filter(code=unit).exists():
        errors["unit"] = _("Unknown unit “%(unit)s”.") % {"unit": unit}
    page = params.get("page") or "1"
    if not page.isdigit() or int(page) < 1:
        errors["page"] = _("The page must be a whole number from 1.")
    elif int(page) * PAGE_SIZE > 10000:
        errors["page"] = _("The page is past the last result that can be shown; narrow the search.")
    if errors:
        raise ValidationError(errors)
    return NarrativeQuery(
        q=q, topic=topic, tag=params.get("tag", "").strip(), unit=unit, status=status, page=int(page)
    )
