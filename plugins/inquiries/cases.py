"""Everything that changes an inquiry, in one place for the admin, the API and the mail intake.

Each function checks the person's role and the case's state, changes the case
in one transaction, and writes the change into Wagtail's log; refusals raise
cms.core.refusals and change nothing. States move only through states.INQUIRY.
"""

from email.utils import make_msgid

from django.apps import apps
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext
from wagtail.log_actions import log

from cms.core.numbering import next_number
from cms.core.refusals import Invalid, NotAllowed, Refused
from cms.notifications.service import GENERIC, notify
from cms.organisation.models import Membership
from cms.organisation.people import unit_contacts
from cms.sla import deadlines as sla_deadlines
from plugins.crm import directory
from plugins.inquiries import attachments, deadlines, history, roles
from plugins.inquiries.links import case_url
from plugins.inquiries.models import Assignment, Direction, Inquiry, InquiryState, Message, Visibility
from plugins.inquiries.states import AUTOMATIC, INQUIRY

SERIES = "PR"
EXTENSION_TEMPLATE = "inquiries/email/extension_notice.txt"


def _require(allowed, message):
    if not allowed:
        raise NotAllowed(message)


def open_inquiry(
    *,
    user,
    kind,
    subject,
    question,
    priority="normal",
    channel="email",
    received_at=None,
    media_deadline=None,
    topics=(),
    journalist=None,
    journalist_name="",
    journalist_email="",
    outlet=None,
    outlet_name="",
    reply_to="",
    coordinator=None,
    message_id="",
    files=(),
):
    """A new case; a journalist or outlet new to the CRM is added to it. ``files``: (name, bytes) pairs."""
    received_at = received_at or timezone.now()
    deadlines.check_dates(received_at, media_deadline)
    for name, data in files:
        attachments.check(name, data)
    with transaction.atomic():
        outlet = outlet or directory.outlet_named(outlet_name)
        if journalist is None and journalist_email:
            journalist = directory.find_journalist(journalist_email) or directory.add_journalist(
                journalist_name or journalist_email,
                journalist_email,
                user=user,
                outlet=outlet,
                source=gettext("inquiry %(subject)s") % {"subject": subject[:150]},
            )
        if outlet is None and journalist is not None:
            current = journalist.current_employments()
            outlet = current[0].outlet if len(current) == 1 else None
        inquiry = Inquiry.objects.create(
            number=next_number(SERIES, received_at),
            kind=kind,
            priority=priority,
            subject=subject[:255],
            question=question,
            channel=channel,
            received_at=received_at,
            media_deadline=media_deadline,
            journalist=journalist,
            outlet=outlet,
            message_id=message_id,
            created_by=user,
            reply_to=reply_to or journalist_email or (journalist.primary_email if journalist else ""),
        )
        inquiry.topics.set(topics)
        for name, data in files:
            attachments.store(inquiry, name, data, user=user)
        deadlines.plan(inquiry)
        log(instance=inquiry, action="wagtail.create", user=user)
        if coordinator is not None:
            set_coordinator(inquiry, coordinator, user)
    return inquiry


def update_details(inquiry, user, *, topics=None, **fields):
    """Change what the case is about; deadlines follow the kind, priority and dates."""
    _require(roles.is_coordinator(user), gettext("Only the press office changes the details of a case."))
    if not inquiry.is_open:
        raise Refused(gettext("A closed case cannot be changed; reopen it first."))
    deadlines.check_dates(
        fields.get("received_at", inquiry.received_at), fields.get("media_deadline", inquiry.media_deadline)
    )
    with transaction.atomic():
        for name, value in fields.items():
            setattr(inquiry, name, value)
        inquiry.save()
        if topics is not None:
            inquiry.topics.set(topics)
        deadlines.plan(inquiry)
        log(instance=inquiry, action="wagtail.edit", user=user)
    return inquiry


def set_coordinator(inquiry, coordinator, user):
    _require(roles.is_coordinator(user), gettext("Only the press office assigns coordinators."))
    if not roles.is_coordinator(coordinator):
        raise Invalid(gettext("%(person)s is not a press office coordinator.") % {"person": coordinator})
    with transaction.atomic():
        inquiry.coordinator = coordinator
        inquiry.save(update_fields=["coordinator", "updated_at"])
        if inquiry.state == InquiryState.NEW:
            INQUIRY.apply(inquiry, "assign", user)
        else:
            log(instance=inquiry, action="wagtail.edit", user=user)
    if coordinator != user:
        _tell(
            [coordinator], inquiry, "coordinator", gettext("You coordinate %(case)s now.") % {"case": inquiry}
        )
    return inquiry


def assign_unit(inquiry, unit, *, user, due_at, experts=(), instructions=""):
    """Ask ``unit`` (and its named ``experts``) for their part by ``due_at``."""
    _require(roles.is_coordinator(user), gettext("Only the press office assigns units."))
    if not inquiry.is_open:
        raise Refused(gettext("A closed case cannot be assigned."))
    if due_at is None:
        raise Invalid(gettext("Give the unit an internal deadline."))
    outsiders = [e for e in experts if not Membership.objects.filter(user=e, unit=unit).exists()]
    if outsiders:
        raise Invalid(
            gettext("%(people)s not a member of %(unit)s.")
            % {"people": ", ".join(str(e) for e in outsiders), "unit": unit}
        )
    with transaction.atomic():
        assignment, _created = Assignment.objects.update_or_create(
            inquiry=inquiry, unit=unit, defaults={"due_at": due_at, "instructions": instructions}
        )
        assignment.experts.set(experts)
        deadlines.plan_assignment(assignment)
        log(
            instance=inquiry,
            action=history.ASSIGN_UNIT,
            user=user,
            data={"unit": unit.code, "due_at": due_at.isoformat(), "experts": [str(e) for e in experts]},
        )
    people = list(experts) or unit_contacts(unit)
    _tell(people, inquiry, "unit", gettext("%(case)s: your unit is asked for its part.") % {"case": inquiry})
    return assignment


def remove_unit(assignment, user):
    _require(roles.is_coordinator(user), gettext("Only the press office changes assignments."))
    inquiry = assignment.inquiry
    with transaction.atomic():
        sla_deadlines.drop(inquiry, assignment.deadline_key)
        assignment.delete()
        log(
            instance=inquiry,
            action=history.REMOVE_UNIT,
            user=user,
            data={"unit": assignment.unit.code},
        )


def contribute(assignment, text, user):
    """The unit's part of the answer; its internal deadline is met."""
    _require(
        roles.is_coordinator(user) or roles.member_of_assigned_unit(user, assignment),
        gettext("Only the assigned unit answers its part."),
    )
    if not text.strip():
        raise Invalid(gettext("The unit's answer is empty."))
    if not assignment.inquiry.is_open:
        raise Refused(gettext("The case is closed."))
    with transaction.atomic():
        assignment.contribution, assignment.contributed_by = text, user
        assignment.contributed_at = timezone.now()
        assignment.save()
        deadlines.plan_assignment(assignment)
        log(
            instance=assignment.inquiry,
            action=history.CONTRIBUTE,
            user=user,
            data={"unit": assignment.unit.code},
        )
    inquiry = assignment.inquiry
    if inquiry.coordinator:
        text = gettext("%(unit)s answered its part of %(case)s.") % {
            "unit": assignment.unit.code,
            "case": inquiry,
        }
        _tell([inquiry.coordinator], inquiry, "contribution", text)
    return assignment


def add_message(inquiry, *, user, body, visibility=Visibility.INTERNAL, files=()):
    """A message in the thread: an internal note, or an e-mail to the journalist (sent now)."""
    _require(
        roles.works_on(user, inquiry), gettext("Only the people working on the case write in its thread.")
    )
    if not body.strip():
        raise Invalid(gettext("The message is empty."))
    for name, data in files:
        attachments.check(name, data)
    external = visibility == Visibility.EXTERNAL
    if external:
        _require(roles.is_coordinator(user), gettext("Only the press office writes to the journalist."))
    with transaction.atomic():
        message = Message.objects.create(
            inquiry=inquiry,
            visibility=visibility,
            author=user,
            body=body,
            direction=Direction.OUTGOING if external else Direction.NOTE,
            subject=f"Re: {inquiry.subject} [{inquiry.number}]" if external else "",
        )
        stored = [attachments.store(inquiry, name, data, user=user, message=message) for name, data in files]
        if external:
            mail_to_journalist(inquiry, message, stored)
    return message


def record_incoming(
    inquiry, *, body, subject="", from_address="", message_id="", in_reply_to="", files=(), user=None
):
    """The journalist's message (an e-mail reply, or a call noted by hand by ``user``) in the thread."""
    if user is not None:
        _require(
            roles.is_coordinator(user), gettext("Only the press office records the journalist's messages.")
        )
    with transaction.atomic():
        message = Message.objects.create(
            inquiry=inquiry,
            visibility=Visibility.EXTERNAL,
            direction=Direction.INCOMING,
            author=user,
            body=body,
            subject=subject[:255],
            from_address=from_address[:255],
            message_id=message_id[:255],
            in_reply_to=in_reply_to[:255],
        )
        for name, data in files:
            attachments.store(inquiry, name, data, message=message)
    if inquiry.coordinator:
        _tell(
            [inquiry.coordinator],
            inquiry,
            "reply",
            gettext("The journalist wrote again in %(case)s.") % {"case": inquiry},
        )
    return message


def send_extension_notice(inquiry, *, user, new_due, reason):
    """Tell the journalist why the answer takes longer and when it comes (art. 13 ust. 2); track the date."""
    _require(roles.is_coordinator(user), gettext("Only the press office extends the deadline."))
    if not inquiry.is_open:
        raise Refused(gettext("The case is closed."))
    with transaction.atomic():
        deadlines.extend(inquiry, new_due, reason)
        body = extension_notice_text(inquiry)
        message = Message.objects.create(
            inquiry=inquiry,
            visibility=Visibility.EXTERNAL,
            direction=Direction.OUTGOING,
            author=user,
            subject=f"Re: {inquiry.subject} [{inquiry.number}]",
            body=body,
        )
        mail_to_journalist(inquiry, message)
        inquiry.extension_sent_at = timezone.now()
        inquiry.save(update_fields=["extension_sent_at"])
        log(
            instance=inquiry,
            action=history.EXTEND,
            user=user,
            data={"due_at": new_due.isoformat(), "reason": reason},
        )
    return message


def extension_notice_text(inquiry):
    """The notice from the template, with the reasons and the new date filled in."""
    return render_to_string(
        EXTENSION_TEMPLATE,
        {
            "inquiry": inquiry,
            "received": formats.date_format(timezone.localtime(inquiry.received_at), "DATE_FORMAT"),
            "new_date": formats.date_format(timezone.localtime(inquiry.extended_due_at), "DATE_FORMAT"),
        },
    ).strip()


def record_refusal(inquiry, *, user, number, decided_on, file_name, data):
    """Close the case with the formal refusal decision (number, date, signed document)."""
    _require(roles.is_coordinator(user), gettext("Only the press office records a refusal."))
    if not number.strip() or decided_on is None:
        raise Invalid(gettext("Give the number and the date of the decision."))
    if decided_on < timezone.localtime(inquiry.received_at).date():
        raise Invalid(gettext("The decision cannot be dated before the inquiry was received."))
    attachments.check(file_name, data)
    if not inquiry.is_open:
        raise Refused(gettext("The case is closed already."))
    with transaction.atomic():
        attachments.store(inquiry, file_name, data, user=user, refusal_decision=True)
        inquiry.refusal_number, inquiry.refusal_date = number.strip(), decided_on
        inquiry.save(update_fields=["refusal_number", "refusal_date"])
        now = timezone.now()
        INQUIRY.apply(
            inquiry,
            "refuse",
            user,
            changes={"closed_at": now},
            log_data={"decision": number.strip(), "decided_on": decided_on.isoformat()},
        )
        deadlines.answered(inquiry, at=now)
    return inquiry


def transition(inquiry, name, user, comment=""):
    """A plain step (close, withdraw, reopen, ask the units, assign); answer steps go through answer.py."""
    if name in AUTOMATIC or name in {"send", "refuse"}:
        raise Refused(gettext("This step is taken with its own form."))
    changes = {}
    if name in {"close", "withdraw"}:
        changes["closed_at"] = timezone.now()
    if name == "reopen":
        changes["closed_at"] = None
    with transaction.atomic():
        INQUIRY.apply(inquiry, name, user, comment=comment, changes=changes)
        if name in {"close", "withdraw"}:
            deadlines.answered(inquiry)
        if name == "reopen":
            deadlines.plan(inquiry)
            for assignment in inquiry.assignments.filter(contributed_at__isnull=True):
                deadlines.plan_assignment(assignment)
    return inquiry


def mail_to_journalist(inquiry, message, stored=()):
    """Send an outgoing thread message to the journalist; a refusal of the server cancels the message."""
    recipient = inquiry.reply_to or (inquiry.journalist.primary_email if inquiry.journalist else "")
    if not recipient:
        raise Refused(gettext("The case has no address to write to; fill in “answer to”."))
    sender = apps.get_app_config("inquiries").get_setting("PRESS_OFFICE_EMAIL")
    message.message_id = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.from_address, message.to_address, message.in_reply_to = sender, recipient, inquiry.message_id
    headers = {"Message-ID": message.message_id}
    if inquiry.message_id:
        headers.update({"In-Reply-To": inquiry.message_id, "References": inquiry.message_id})
    email = EmailMessage(message.subject, message.body, sender, [recipient], headers=headers)
    for attachment in stored:
        with attachment.file.open("rb") as handle:
            email.attach(attachment.name, handle.read(), attachment.content_type or None)
    try:
        email.send()
    except Exception as exc:
        raise Refused(gettext("The mail server refused the message: %(reason)s") % {"reason": exc}) from exc
    message.save()


def _tell(people, inquiry, event, text):
    notify(
        [p for p in people if p],
        kind=f"inquiries.{event}",
        template=GENERIC,
        context={"subject": text, "message": text},
        url=case_url(inquiry),
    )
