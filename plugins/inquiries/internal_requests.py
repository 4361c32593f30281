"""Everything that changes an internal request, for the admin and the API (states through states.REQUEST).

A publication request becomes a draft page in the editorial workflow (``draft_publication``); a
correction request links the page revision that corrects the information (``link_correction``).
Both are written to the request's log and to the page's history, so either side leads to the other.
"""

import re

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_user_display_name
from wagtail.log_actions import log
from wagtail.models import get_default_page_content_type
from wagtail.rich_text import RichText

from cms.core.numbering import next_number
from cms.core.refusals import Invalid, NotAllowed, Refused
from cms.editorial.models import PressReleasePage, PressRoomIndexPage, SocialPostPage
from cms.notifications.service import GENERIC, notify
from cms.organisation.models import Unit
from cms.organisation.people import unit_contacts
from cms.organisation.scoping import PRESS_OFFICE_GROUPS, can_see, is_press_office, unit_ids
from plugins.inquiries import history, roles
from plugins.inquiries.attachments import check
from plugins.inquiries.links import request_url
from plugins.inquiries.models import InternalRequest, RequestKind, RequestMessage, RequestState, RequestUnit
from plugins.inquiries.models.requests import OPEN_REQUEST_STATES
from plugins.inquiries.states import REQUEST

SERIES = "ZW"

#: The pages a publication request can become, by the key the admin and the API use.
DRAFT_TYPES = {
    "press_release": (PressReleasePage, _("press release")),
    "social_post": (SocialPostPage, _("social post")),
}
LEAD_LENGTH = PressReleasePage._meta.get_field("lead").max_length


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
        people += unit_contacts(unit)
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


def overdue():
    """The condition of an open request past its due date."""
    return Q(state__in=OPEN_REQUEST_STATES, due_at__lte=timezone.now())


def assignable(units=()):
    """Who may be assigned a request: the press office and the members of ``units``."""
    users = get_user_model().objects.filter(is_active=True)
    eligible = (
        Q(is_superuser=True) | Q(groups__name__in=PRESS_OFFICE_GROUPS) | Q(unit_memberships__unit__in=units)
    )
    return users.filter(pk__in=users.filter(eligible).values("pk")).order_by(
        "last_name", "first_name", "username"
    )


def units_of(request):
    """The requesting unit and the units the request is addressed to."""
    ids = [target.unit_id for target in request.targets.all()]
    return Unit.objects.filter(pk__in=[*ids, request.from_unit_id] if request.from_unit_id else ids)


def reassign(request, user, *, assignee, due_at):
    """The press office names who handles the request and by when."""
    if not is_press_office(user):
        raise NotAllowed(gettext("The press office assigns requests and sets their due dates."))
    if not request.is_open:
        raise Refused(gettext("The request is closed; reopen it first."))
    if assignee is not None and not assignable(units_of(request)).filter(pk=assignee.pk).exists():
        raise Invalid(
            gettext("%(person)s is neither in the press office nor in a unit of this request.")
            % {"person": get_user_display_name(assignee)}
        )
    if due_at is not None and due_at != request.due_at and due_at <= timezone.now():
        raise Invalid(gettext("The due date must be in the future."))
    told = assignee is not None and assignee.pk not in {request.assignee_id, user.pk}
    with transaction.atomic():
        request.assignee, request.due_at = assignee, due_at
        request.save(update_fields=["assignee", "due_at", "updated_at"])
        log(
            instance=request,
            action=history.REASSIGN,
            user=user,
            data={
                "assignee": get_user_display_name(assignee) if assignee else "",
                "due_at": due_at.isoformat() if due_at else "",
            },
        )
    if told:
        _tell([assignee], request, gettext("Internal request %(number)s is assigned to you: %(title)s"))
    return request


def press_rooms(user):
    """Press rooms where ``user`` may add pages, in the order of the page tree."""
    rooms = PressRoomIndexPage.objects.order_by("path")
    return [room for room in rooms if room.permissions_for_user(user).can_add_subpage()]


def draft_publication(request, kind, user, room=None):
    """Accept a publication request (unless accepted already) and make its draft page in ``room``.

    ``kind`` is a key of DRAFT_TYPES. The page is saved as a draft revision, never
    published: the editor completes it and submits it to the approval workflow.
    """
    if request.kind != RequestKind.PUBLICATION:
        raise Refused(gettext("Only a publication request becomes a draft."))
    if kind not in DRAFT_TYPES:
        raise Invalid(gettext("Choose a press release or a social post."))
    if not is_press_office(user):
        raise NotAllowed(gettext("The press office turns publication requests into drafts."))
    rooms = press_rooms(user)
    if room is None:
        room = rooms[0] if rooms else None
    if room is None or room.pk not in {r.pk for r in rooms}:
        raise NotAllowed(gettext("You may not add pages to a press room."))
    model = DRAFT_TYPES[kind][0]
    with transaction.atomic():
        locked = InternalRequest.objects.select_for_update().get(pk=request.pk)
        if locked.page_id:
            raise Refused(gettext("The draft of this request exists already."))
        if locked.state != RequestState.ACCEPTED:
            transition(request, "accept", user)
        page = model(
            title=request.title, owner=user, live=False, unit=request.from_unit, **_content(model, request)
        )
        room.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        request.page = page
        request.save(update_fields=["page", "updated_at"])
        log(
            instance=request,
            action=history.DRAFT,
            user=user,
            data={"page": page.pk, "title": page.title, "type": str(model._meta.verbose_name)},
        )
        log(
            instance=page,
            action=history.PAGE_DRAFTED,
            user=user,
            revision=revision,
            data={"request": request.pk, "number": request.number},
        )
    if request.requested_by_id != user.pk:
        _tell([request.requested_by], request, gettext("%(number)s is accepted and drafted: %(title)s"))
    return page


def _content(model, request):
    """The request's text as the page's fields: a release's lead and body, a post's text."""
    if model is SocialPostPage:
        return {"text": request.body}
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", request.body) if p.strip()] or [request.title]
    lead = Truncator(paragraphs[0]).chars(LEAD_LENGTH)
    rest = paragraphs[1:] if lead == paragraphs[0] else paragraphs
    body = [("paragraph", RichText("".join(linebreaks(p, autoescape=True) for p in rest)))] if rest else []
    return {"lead": lead, "body": body}


def link_correction(request, revision, user):
    """Name the page revision that publishes the correction the request asks for."""
    if request.kind != RequestKind.CORRECTION:
        raise Refused(gettext("Only a correction request links a correcting revision."))
    if not is_press_office(user):
        raise NotAllowed(gettext("The press office links the revision that corrects the information."))
    if not request.is_open:
        raise Refused(gettext("The request is closed; reopen it to change the correcting revision."))
    if revision.base_content_type_id != get_default_page_content_type().pk:
        raise Invalid(gettext("Choose a revision of a page."))
    page = revision.content_object
    with transaction.atomic():
        request.correction_revision, request.page = revision, page
        request.save(update_fields=["correction_revision", "page", "updated_at"])
        log(
            instance=request,
            action=history.CORRECTION,
            user=user,
            data={"page": page.pk, "title": page.title, "revision": revision.pk},
        )
        log(
            instance=page,
            action=history.PAGE_CORRECTS,
            user=user,
            revision=revision,
            data={"request": request.pk, "number": request.number},
        )
    if request.requested_by_id != user.pk:
        _tell([request.requested_by], request, gettext("%(number)s: the correction is linked: %(title)s"))
    return request


def _tell(people, request, template):
    text = template % {"number": request.number, "title": request.title}
    notify(
        [p for p in people if p],
        kind="inquiries.request",
        template=GENERIC,
        context={"subject": text, "message": text},
        url=request_url(request),
    )
