"""Taking in one e-mail of the press office mailbox: a reply in its case, a new case, or quarantine.

A reply is found by its In-Reply-To and References among the Message-IDs of the
cases and of their messages (answers sent from the desk carry their own), then
by a case number in its subject ("Re: … [PR/2026/000123]"). Any other e-mail
opens an inquiry of the kind "Pytanie e-mailowe" that arrived by e-mail, its
sender matched to a CRM journalist or added to the CRM. An e-mail whose
Message-ID is on a case already is never taken in again.

What cannot be taken in goes to the quarantine with the reason: a damaged
e-mail, an automatic reply or delivery report, mail from the press office's
own address, a refused attachment (too large, damaged, of a kind not
accepted), or a refusal of the case rules.
"""

import logging
import re
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cms.core.refusals import Invalid, Refused
from plugins.inquiries import attachments, cases
from plugins.inquiries.mail import parsing, quarantine
from plugins.inquiries.models import Channel, Inquiry, InquiryKind, Message, QuarantinedMail

logger = logging.getLogger(__name__)

#: The kind of inquiry an e-mail opens (the desk's migration creates it); else the first active kind.
EMAIL_KIND = "Pytanie e-mailowe"
CASE_NUMBER = re.compile(rf"\b{cases.SERIES}/\d{{4}}/\d{{6,}}\b")

NEW, REPLY, DUPLICATE, QUARANTINED = "new", "reply", "duplicate", "quarantined"


@dataclass(frozen=True)
class Outcome:
    result: str
    inquiry: Inquiry | None = None
    quarantined: QuarantinedMail | None = None


def take_in(raw, *, received_at=None, mailbox="", uid="", held=None, user=None, anyway=False):
    """Where the e-mail ``raw`` goes. ``mailbox``/``uid``: where it was fetched from.

    ``held``: the quarantined e-mail being taken in again by ``user``; ``anyway``:
    take in what can be read of it even if damaged or automatic, refused attachments left out.
    """
    if held is None and uid:
        kept = QuarantinedMail.objects.filter(mailbox=mailbox, uid=uid).first()
        if kept is not None:
            return Outcome(DUPLICATE, quarantined=kept)
    try:
        mail = parsing.parse(raw, lenient=anyway)
    except parsing.Unparseable as error:
        return _hold(raw, error.reason, mailbox, uid, held)
    known = _case_with(mail.message_id)
    if known is not None:
        if held is not None:
            quarantine.release(held, known, user, anyway=anyway)
        return Outcome(DUPLICATE, inquiry=known)
    reason = "" if anyway else _refusal(mail)
    if reason:
        return _hold(raw, reason, mailbox, uid, held)
    files, left_out = _files(mail)
    received_at = received_at or (mail.date if mail.date and mail.date <= timezone.now() else None)
    try:
        with transaction.atomic():
            inquiry = _thread(mail)
            if inquiry is not None:
                result = REPLY
                cases.record_incoming(
                    inquiry,
                    body=_text(mail, left_out),
                    subject=mail.subject,
                    from_address=mail.sender,
                    message_id=mail.message_id,
                    in_reply_to=next(iter(mail.in_reply_to), ""),
                    files=files,
                )
            else:
                result = NEW
                inquiry = _open(mail, _text(mail, left_out), files, received_at, user)
            if held is not None:
                quarantine.release(held, inquiry, user, anyway=anyway)
    except Refused as refusal:
        return _hold(raw, refusal.message, mailbox, uid, held)
    except Exception as error:  # a fault of ours: kept with the error, to be retried once it is fixed
        logger.exception("E-mail %s could not be taken in", mail.message_id)
        reason = gettext("The e-mail could not be taken in: %(error)s") % {"error": error}
        return _hold(raw, reason, mailbox, uid, held)
    return Outcome(result, inquiry=inquiry)


def retry(item, user, *, anyway=False):
    """Take a quarantined e-mail in again; ``anyway``: whatever can be read of it, refused files left out."""
    quarantine.require_handler(user)
    with transaction.atomic():
        item = QuarantinedMail.objects.select_for_update().get(pk=item.pk)
        quarantine.require_pending(item)
        raw = quarantine.read(item)
        return take_in(raw, received_at=item.received_at, held=item, user=user, anyway=anyway)


def _hold(raw, reason, mailbox, uid, held):
    return Outcome(QUARANTINED, quarantined=quarantine.hold(raw, reason, mailbox=mailbox, uid=uid, held=held))


def _case_with(message_id):
    """The case that has taken in the e-mail ``message_id`` (or sent it), or None."""
    inquiry = Inquiry.objects.filter(message_id=message_id).first()
    if inquiry is None:
        message = Message.objects.filter(message_id=message_id).select_related("inquiry").first()
        inquiry = message.inquiry if message else None
    return inquiry


def _refusal(mail):
    if mail.automatic:
        return mail.automatic
    own = apps.get_app_config("inquiries").get_setting("PRESS_OFFICE_EMAIL")
    if mail.sender.lower() == own.strip().lower():
        return gettext("Sent from the press office's own address (%(address)s).") % {"address": own}
    reasons = [reason for _name, reason in mail.damaged]
    for name, data in mail.attachments:
        try:
            attachments.check(name, data)
        except Invalid as refusal:
            reasons.append(refusal.message)
    if reasons:
        return gettext("Attachment refused: %(reasons)s") % {"reasons": " ".join(dict.fromkeys(reasons))}
    return ""


def _files(mail):
    """(files to keep, reasons of those left out); only a mail taken in anyway has any left out."""
    damaged = {name for name, _reason in mail.damaged}
    files, left_out = [], [reason for _name, reason in mail.damaged]
    for name, data in mail.attachments:
        if name in damaged:
            continue
        try:
            attachments.check(name, data)
        except Invalid as refusal:
            left_out.append(refusal.message)
        else:
            files.append((name, data))
    return files, left_out


def _text(mail, left_out):
    text = mail.body or gettext("(The e-mail has no text.)")
    if left_out:
        text += "\n\n" + gettext("Attachments left out: %(reasons)s") % {"reasons": " ".join(left_out)}
    return text


def _thread(mail):
    """The case the e-mail answers: by In-Reply-To, then References (nearest first), then the case number.

    Message-IDs are unguessable; the case number in the subject counts only from the case's journalist.
    """
    ids = [i[:255] for i in (*mail.in_reply_to, *reversed(mail.references))]
    if ids:
        found = {}
        for message_id, inquiry_id in Message.objects.filter(message_id__in=ids).values_list(
            "message_id", "inquiry_id"
        ):
            found.setdefault(message_id, inquiry_id)
        for message_id, inquiry_id in Inquiry.objects.filter(message_id__in=ids).values_list(
            "message_id", "pk"
        ):
            found.setdefault(message_id, inquiry_id)
        for message_id in ids:
            if message_id in found:
                return Inquiry.objects.get(pk=found[message_id])
    number = CASE_NUMBER.search(mail.subject)
    inquiry = Inquiry.objects.filter(number=number.group(0)).first() if number else None
    # Case numbers are easy to guess: only the case's own journalist threads by the number alone.
    return inquiry if inquiry is not None and _writes_on(mail.sender, inquiry) else None


def _writes_on(sender, inquiry):
    addresses = {inquiry.reply_to.lower()}
    if inquiry.journalist is not None:
        addresses |= {e.lower() for e in inquiry.journalist.emails.values_list("email", flat=True)}
    return sender.lower() in addresses


def _open(mail, question, files, received_at, user):
    kind = (
        InquiryKind.objects.filter(name=EMAIL_KIND).first() or InquiryKind.objects.filter(active=True).first()
    )
    if kind is None:
        raise Refused(
            gettext("There is no inquiry kind to open the case with; add one in the desk's settings.")
        )
    return cases.open_inquiry(
        user=user,
        kind=kind,
        subject=mail.subject or gettext("(no subject)"),
        question=question,
        channel=Channel.EMAIL,
        received_at=received_at,
        journalist_email=mail.sender,
        journalist_name=mail.sender_name,
        reply_to=mail.reply_to,
        message_id=mail.message_id,
        files=files,
    )
