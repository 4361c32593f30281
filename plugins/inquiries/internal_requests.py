"""Everything that changes an internal request, for the admin and the API (states through states.REQUEST)."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.log_actions import log

from cms.core.numbering import next_number
from cms.core.refusals import Invalid, NotAllowed, Refused
from cms.notifications.service import GENERIC, notify
from cms.organisation.scoping import can_see, is_press_office, unit_ids
from plugins.inquiries import history, roles
from plugins.inquiries.attachments import check
from plugins.inquiries.links import request_url
from plugins.inquiries.models import InternalRequest, RequestKind, RequestMessage, RequestUnit
from plugins.inquiries.states import REQUEST

SERIES = "ZW"


def open_request(
    *, user, kind, title, body, units=(), from_unit=None, due_at=None, source_url="", assignee=None
):
    """A new request: information goes to ``units``; corrections and publications go to the press office."""
    if kind == RequestKind.INFORMATION and not units:
        raise Invalid(gettext("Choose the units the information is for."))
    if kind == RequestKind.INFORMATION and not is_press_office(user):
        raise NotAllowed(gettext("Information for units is passed on by the press office."))
    if from_unit is not None and not is_press_office(user) and from_unit.pk not in unit_ids(user):
        raise NotAllowed(gettext("You can only make requests on behalf of your own unit."))
    if due_at is not None and due_at <= timezone.now():
        raise Invalid(gettext("The due date must be in the future."))
    with transaction.atomic():
        request = InternalRequest.objects.create(
            number=next_number(SERIES, digits=5),
            kind=kind,
            title=title[:255],
            body=body,
            source_url=source_url,
            requested_by=user,
            from_unit=from_unit,
            due_at=due_at,
            assignee=assignee,
        )
        RequestUnit.objects.bulk_create([RequestUnit(request=request, unit=unit) for unit in units])
        log(instance=request, action="wagtail.create", user=user)
    people = (
        [assignee]
        if assignee
        else roles.holders("coordinate_inquiry")
        if kind != RequestKind.INFORMATION
        else []
    )
    for unit in units:
        people += [m.user for m in unit.memberships.select_related("user")]
    _tell(people, request, gettext("New internal request %(number)s: %(title)s"))
    return request


def acknowledge(request, user):
    """A member of an addressed unit confirms the unit got the information."""
    targets = request.targets.filter(unit__in=unit_ids(user), acknowledged_at__isnull=True)
    if not targets.exists():
        raise Refused(gettext("None of your units waits to acknowledge this request."))
    with transaction.atomic():
        codes = list(targets.values_list("unit__code", flat=True))
        targets.update(acknowledged_at=timezone.now(), acknowledged_by=user)
        log(instance=request, action=history.ACKNOWLEDGE, user=user, data={"units": codes})
    return request


def add_message(request, *, user, body, file_name="", data=None):
    if not can_see(request, user):
        raise NotAllowed(gettext("Only the people on the request write in its thread."))
    if not body.strip():
        raise Invalid(gettext("The message is empty."))
    message = RequestMessage(request=request, author=user, body=body)
    if data:
        check(file_name, data)
        message.file.save(file_name, ContentFile(data), save=False)
        message.file_name = file_name[:255]
    message.save()
    return message


def transition(request, name, user, comment=""):
    changes = {"closed_at": timezone.now()} if name in {"complete", "reject"} else {}
    if name == "reopen":
        changes["closed_at"] = None
    if name == "start" and request.assignee_id is None and is_press_office(user):
        changes["assignee"] = user
    return REQUEST.apply(request, name, user, comment=comment, changes=changes)


def _tell(people, request, template):
    text = template % {"number": request.number, "title": request.title}
    notify(
        [p for p in people if p],
        kind="inquiries.request",
        template=GENERIC,
        context={"subject": text, "message": text},
        url=request_url(request),
    )
