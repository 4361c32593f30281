"""The inbox authors' personal data (RODO): export, erasure, and erasure after the retention period.

Comments and messages name their authors and may say anything about them, so an
item's author (name, id, address) and text are personal data. The registry finds
an item by the author's id on the platform (a Mastodon handle reads like an
e-mail address) or by an e-mail address written in the text. Erasure keeps the
item's channel, post, times, sentiment, watch words and the city's replies, so
counts stay true; :func:`erase_expired` does it for every item older than the
plugin's ``RETENTION_DAYS``.
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from cms.personal_data.registry import PersonalDataSource, register
from plugins.engage import history
from plugins.engage.apps import setting
from plugins.engage.models import InboxItem

ERASED_TEXT = "(usunięte)"
ERASED = {"author_name": "", "author_id": "", "text": ERASED_TEXT, "url": ""}


@register
class InboxAuthorSource(PersonalDataSource):
    key = "engage.inbox"
    label = _("Engage inbox (comments and messages)")

    def find(self, email):
        email = email.strip()
        if not email:
            return InboxItem.objects.none()
        found = InboxItem.objects.filter(Q(author_id__iexact=email) | Q(text__icontains=email))
        return found.filter(erased_at__isnull=True).select_related("channel").prefetch_related("replies")

    def describe(self, item):
        return {
            "channel": item.channel.name,
            "platform": item.channel.platform,
            "kind": item.get_kind_display(),
            "author_name": item.author_name,
            "author_id": item.author_id,
            "text": item.text,
            "url": item.url,
            "written_at": item.created_at,
            "received_at": item.received_at,
            "replies": [{"at": r.sent_at, "text": r.text, "status": r.status} for r in item.replies.all()],
        }

    def erase(self, item, user):
        _erase(InboxItem.objects.filter(pk=item.pk))
        log(instance=item, action=history.ERASED, user=user)


def _erase(items):
    return items.filter(erased_at__isnull=True).update(**ERASED, erased_at=timezone.now())


def erase_expired(now=None):
    """Erase the authors and texts of items written more than RETENTION_DAYS ago; return how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=setting("RETENTION_DAYS"))
    return _erase(InboxItem.objects.filter(created_at__lt=cutoff))
