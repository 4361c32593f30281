"""Every message and state change of an inquiry also lands on the journalist's CRM timeline."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext

from cms.core.transitions import transitioned
from plugins.crm.timeline import EntryKind, record
from plugins.inquiries.models import Direction, Inquiry, Message

KINDS = {Direction.INCOMING: EntryKind.EMAIL_RECEIVED, Direction.OUTGOING: EntryKind.EMAIL_SENT}


@receiver(post_save, sender=Inquiry, dispatch_uid="inquiries.timeline.opened")
def inquiry_opened(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.journalist_id:
        record(
            kind=EntryKind.INQUIRY,
            subject=f"{instance.number}: {instance.subject}",
            journalist=instance.journalist,
            outlet=instance.outlet,
            author=instance.created_by,
            body=instance.question,
            occurred_at=instance.received_at,
            about=instance,
        )


@receiver(transitioned, sender=Inquiry, dispatch_uid="inquiries.timeline.transition")
def state_changed(sender, instance, transition, user, comment, **kwargs):
    if instance.journalist_id:
        subject = gettext("%(number)s: %(state)s") % {
            "number": instance.number,
            "state": instance.get_state_display(),
        }
        record(
            kind=EntryKind.INQUIRY,
            subject=subject,
            journalist=instance.journalist,
            outlet=instance.outlet,
            author=user,
            body=comment,
            about=instance,
        )


@receiver(post_save, sender=Message, dispatch_uid="inquiries.timeline.message")
def message_written(sender, instance, created, raw=False, **kwargs):
    inquiry = instance.inquiry
    if created and not raw and inquiry.journalist_id:
        record(
            kind=KINDS.get(instance.direction, EntryKind.NOTE),
            subject=instance.subject or f"{inquiry.number}: {inquiry.subject}",
            journalist=inquiry.journalist,
            outlet=inquiry.outlet,
            author=instance.author,
            body=instance.body,
            about=inquiry,
        )
