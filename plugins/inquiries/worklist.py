"""What waits for a person on the desk, per role: the dashboard's "my work" panel reads it."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cms.approvals.models import TextVersion, VersionState
from cms.organisation.people import approver_unit_ids
from cms.organisation.scoping import scoped, unit_ids
from plugins.inquiries import roles
from plugins.inquiries.models import Assignment, Inquiry, InquiryState

LIMIT = 10


@dataclass
class Section:
    key: str
    heading: str
    rows: list = field(default_factory=list)  # (inquiry, due_at) by due time
    more: int = 0  # rows beyond those shown


def _section(key, heading, inquiries):
    rows = [(inquiry, inquiry.due_at) for inquiry in inquiries[:LIMIT]]
    return Section(key, heading, rows, max(inquiries.count() - len(rows), 0))


def work_of(user):
    """The non-empty sections of ``user``'s work, most pressing first within each."""
    cases = scoped(Inquiry.objects.select_related("kind"), user).order_by("due_at", "pk")
    sections = []
    if roles.is_coordinator(user):
        sections.append(_section("mine", _("Cases you coordinate"), cases.open().filter(coordinator=user)))
        sections.append(
            _section("unassigned", _("New cases without a coordinator"), cases.filter(state=InquiryState.NEW))
        )
    sections.append(_units_section(user))
    sections.append(_approval_section(user, cases))
    if roles.is_head(user):
        sections.append(_section("overdue", _("Overdue cases of the desk"), cases.overdue()))
    return [section for section in sections if section.rows]


def _units_section(user):
    """Parts of the user's units (or named to them) still unanswered, by internal deadline."""
    parts = Assignment.objects.filter(
        contributed_at__isnull=True, inquiry__state__in=[InquiryState.ASSIGNED, InquiryState.WAITING_FOR_UNIT]
    )
    mine = parts.filter(unit_id__in=unit_ids(user)) | parts.filter(experts=user)
    mine = mine.distinct().select_related("inquiry__kind", "unit").order_by("due_at", "pk")
    rows = [(a.inquiry, a.due_at) for a in mine[:LIMIT]]
    return Section("units", _("Parts your unit has to answer"), rows, max(mine.count() - len(rows), 0))


def _approval_section(user, cases):
    """Answers waiting for this user's decision at stage 1 or 2 (never their own text), in the database."""
    waiting = Q(pk__in=[])
    if roles.is_head(user):
        waiting |= Q(state=InquiryState.IN_APPROVAL_2)
    if units := approver_unit_ids(user):
        assigned = Assignment.objects.filter(unit_id__in=units).values("inquiry_id")
        waiting |= Q(state=InquiryState.IN_APPROVAL_1, pk__in=assigned)
    if roles.is_coordinator(user):  # a case without units is approved at stage 1 by the press office
        unassigned = ~Exists(Assignment.objects.filter(inquiry=OuterRef("pk")))
        waiting |= Q(unassigned, state=InquiryState.IN_APPROVAL_1)
    own_text = TextVersion.objects.of_model(Inquiry).filter(
        object_id=OuterRef("pk"), state=VersionState.IN_APPROVAL, author=user
    )
    waiting_cases = cases.filter(waiting).exclude(Exists(own_text))
    return _section("approve", _("Answers waiting for your approval"), waiting_cases)
