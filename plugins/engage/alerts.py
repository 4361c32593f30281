"""Keyword alerts: the press office hears once of each new item that contains watch words."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cms.notifications.service import GENERIC, notify
from plugins.engage import access
from plugins.engage.models import InboxItem, WatchWord

KIND = "engage.keyword_alert"


def active_watch_words():
    return list(WatchWord.objects.filter(active=True))


def alert(items):
    """Tell the press office once of each of ``items`` with watch words; return how many were told of."""
    told, people = 0, None
    for item in items:
        if not item.keywords:
            continue
        claimed = InboxItem.objects.filter(pk=item.pk, alerted_at__isnull=True)
        if not claimed.update(alerted_at=timezone.now()):
            continue
        if people is None:
            people = list(access.alerted_people())
        notify(
            people,
            kind=KIND,
            template=GENERIC,
            context={
                "subject": _("Watch words on %(channel)s: %(words)s")
                % {"channel": item.channel.name, "words": ", ".join(item.keywords)},
                "message": f"{item.author_name or '?'}: {Truncator(item.text).chars(500)}",
            },
            url=reverse("engage:item", args=[item.pk]),
        )
        told += 1
    return told
