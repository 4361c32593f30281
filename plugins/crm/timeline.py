"""Recording exchanges on the timeline: the CRM's public API for itself and other plugins.

    from plugins.crm.timeline import record
    record(kind=EntryKind.INQUIRY, subject="Pytanie o budżet", journalist=journalist, about=inquiry)

An entry about a journalist also appears on the timeline of the outlet the
journalist works for at the time, unless another outlet is given.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import File
from django.utils import timezone

from plugins.crm.models import EntryKind, TimelineAttachment, TimelineEntry

__all__ = ["EntryKind", "record"]


def record(*, kind, subject, journalist=None, outlet=None, author=None, body="", occurred_at=None, about=None,
           attachments=()):  # fmt: skip
    """Add an entry; ``attachments`` are (name, file-like) pairs archived with it. Returns the entry."""
    if journalist is None and outlet is None:
        raise ValueError("A timeline entry needs a journalist or an outlet.")
    if outlet is None:
        current = [job.outlet for job in journalist.employments.all() if job.ended_on is None]
        outlet = current[0] if len(current) == 1 else None
    entry = TimelineEntry.objects.create(
        kind=kind,
        subject=subject[:255],
        journalist=journalist,
        outlet=outlet,
        author=author,
        body=body,
        occurred_at=occurred_at or timezone.now(),
        content_type=ContentType.objects.get_for_model(about) if about is not None else None,
        object_id=about.pk if about is not None else None,
    )
    for name, content in attachments:
        attachment = TimelineAttachment(entry=entry, name=name)
        attachment.file.save(
            name, content if isinstance(content, File) else File(content, name=name), save=False
        )
        attachment.size = attachment.file.size
        attachment.save()
    return entry
