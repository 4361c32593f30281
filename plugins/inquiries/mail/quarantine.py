"""The quarantine: e-mails the intake could not take in, kept whole with the reason, never dropped.

A press office coordinator releases one (taken in on a retry, or opened as a
case anyway; see intake) or discards it; both are written into Wagtail's log.
A discarded e-mail's content is deleted, its row (sender, subject, reason, who
discarded it) stays, so the poll never takes the same message in again.
"""

import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.log_actions import log

from cms.core.refusals import NotAllowed, Refused
from plugins.inquiries.mail import parsing
from plugins.inquiries.models import QuarantinedMail

RELEASE = "komunikat.quarantine.release"
DISCARD = "komunikat.quarantine.discard"
PERMISSION = "inquiries.change_quarantinedmail"


def can_handle(user):
    """Press office coordinators and the head (the permission the desk's migration grants them)."""
    return user.is_active and user.has_perm(PERMISSION)


def require_handler(user):
    if not can_handle(user):
        raise NotAllowed(gettext("Only press office coordinators handle quarantined e-mails."))


def require_pending(item):
    if item.resolved_at is not None:
        raise Refused(gettext("This e-mail has been dealt with already."))


def hold(raw, reason, *, mailbox="", uid="", held=None):
    """Keep ``raw`` with ``reason``; for an e-mail in quarantine already (``held``), the reason is updated."""
    if held is not None:
        held.reason = reason
        held.save(update_fields=["reason"])
        return held
    sender, subject = parsing.headline(raw)
    item = QuarantinedMail(
        size=len(raw),
        mailbox=mailbox[:200],
        uid=uid[:40],
        sender=sender[:255],
        subject=subject[:255],
        reason=reason,
    )
    item.raw.save(f"{uuid.uuid4().hex}.eml", ContentFile(raw), save=False)
    item.save()
    return item


def read(item):
    """The original bytes of a quarantined e-mail."""
    with item.raw.open("rb") as handle:
        return handle.read()


def release(item, inquiry, user, *, anyway=False):
    """``item`` is in ``inquiry`` now: out of the quarantine list, linked to the case."""
    item.inquiry, item.resolved_at, item.resolved_by = inquiry, timezone.now(), user
    item.save(update_fields=["inquiry", "resolved_at", "resolved_by"])
    log(instance=item, action=RELEASE, user=user, data={"case": inquiry.number, "anyway": anyway})


def discard(item, user):
    """Delete the e-mail's content and close its row (after the person confirmed)."""
    require_handler(user)
    require_pending(item)
    with transaction.atomic():
        item.raw.delete(save=False)
        item.resolved_at, item.resolved_by = timezone.now(), user
        item.save(update_fields=["raw", "resolved_at", "resolved_by"])
        log(instance=item, action=DISCARD, user=user, data={"sender": item.sender, "subject": item.subject})
