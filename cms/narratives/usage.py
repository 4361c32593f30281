"""Where narratives were used, and telling the people who used one when it changes or expires.

The public API, for any feature that publishes text (press releases and social
posts here, inquiry answers in the desk plugin):

``record_uses(obj, *, text, user=None, title=None, url=None, narratives=())``
    Record that ``obj`` used the live narratives that ``text`` (HTML or plain)
    links to or quotes, plus ``narratives`` chosen explicitly (counted as links);
    return those narratives. ``title`` defaults to ``str(obj)`` and ``url`` to the
    admin edit address of ``obj``. A *link* is a narrative's admin edit address
    (``/admin/snippets/narratives/narrative/edit/<id>/``) or its API address
    (``/api/v1/narratives/<id>/``), relative or absolute. A *quote* is the whole
    short version (at least ``QUOTE_MIN_LENGTH`` characters besides white space;
    the closing full stop may be left out), compared without tags, entities,
    letter case or white space. One use is kept per narrative and object: using it
    again refreshes when, by whom (if ``user`` is given), how, the title and the
    address. A use the text no longer contains is kept, because it happened. The
    quote scan reads narratives: call ``record_uses`` from a background job
    (``cms.jobs.enqueue`` with ids), never while a request waits.

``tell_recent_users(narrative, reason)``
    ``reason`` is ``"changed"`` (a new version was published) or ``"expired"``
    (it may no longer be quoted). Everyone who used the narrative in the last
    ``KOMUNIKAT_NARRATIVE_USE_NOTICE_DAYS`` days is told once, with the list of
    their uses and a link to the narrative; returns the notifications.

Publishing a press release or a social post records its uses in a background
job (the chosen narratives and the links and quotes of its text, by the author
of the published revision); publishing a new version of a narrative that was
published before tells its recent users. The daily review sweep
(``cms.narratives.review``) tells them when it expires.
"""

import datetime
import html
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models.functions import Substr
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page
from wagtail.signals import page_published, published

from cms.editorial.models import PressReleasePage, SocialPostPage
from cms.jobs import enqueue
from cms.narratives.models import Narrative, NarrativeUse
from cms.notifications import notify

CHANGED, EXPIRED = "changed", "expired"
TEMPLATE = "narratives/notifications/used"

#: A short version shorter than this (white space aside) is too common a phrase to count as a quote.
QUOTE_MIN_LENGTH = 40
#: How many characters of a short version (white space aside) pick it for a whole comparison;
#: fewer than QUOTE_MIN_LENGTH, so that a quote without the closing full stop is still picked.
KEY_LENGTH = 32
#: Characters read from the start of each short version: prose has far more than KEY_LENGTH besides spaces.
_BEGINNING_LENGTH = 80
_ID_PLACEHOLDER = 987654321


def _link_pattern():
    """A narrative's admin edit or API address, anywhere in a text; group 1 is the id."""
    addresses = [
        reverse("wagtailsnippets_narratives_narrative:edit", args=[_ID_PLACEHOLDER]),
        reverse("api-v1:narrative-detail", args=[_ID_PLACEHOLDER]),
    ]
    prefixes = "|".join(re.escape(address.split(str(_ID_PLACEHOLDER))[0]) for address in addresses)
    return re.compile(rf"(?:{prefixes})(\d+)(?!\d)")


def linked(text):
    """Ids of the narratives whose addresses ``text`` contains (published or not)."""
    return {int(match) for match in _link_pattern().findall(html.unescape(text))}


def _fold(text):
    """``text`` without white space, case-folded: how quotes are compared."""
    return "".join(text.split()).casefold()


def quoted(text):
    """Ids of the live narratives whose short version ``text`` quotes.

    Every stretch of ``KEY_LENGTH`` characters of the folded text goes into a set;
    one pass over the beginnings of the live short versions keeps those whose
    first ``KEY_LENGTH`` characters are in it, and only these are compared whole.
    The cost grows with the number of narratives, hardly with the text's length.
    """
    plain = _fold(html.unescape(strip_tags(text)))
    windows = {plain[start : start + KEY_LENGTH] for start in range(len(plain) - KEY_LENGTH + 1)}
    if not windows:
        return set()
    beginnings = (
        Narrative.objects.filter(live=True)
        .annotate(beginning=Substr("summary", 1, _BEGINNING_LENGTH))
        .values_list("pk", "beginning")
        .iterator(chunk_size=5000)
    )
    candidates = [pk for pk, beginning in beginnings if _fold(beginning)[:KEY_LENGTH] in windows]
    summaries = Narrative.objects.filter(pk__in=candidates).values_list("pk", "summary")
    return {
        pk
        for pk, summary in summaries
        if len(_fold(summary)) >= QUOTE_MIN_LENGTH and _fold(summary).rstrip(".") in plain
    }


def record_uses(obj, *, text, user=None, title=None, url=None, narratives=()):
    """Record the uses of live narratives by ``obj``; return the narratives (see the module docstring)."""
    how = dict.fromkeys(linked(text), NarrativeUse.LINK)
    how.update(dict.fromkeys((narrative.pk for narrative in narratives), NarrativeUse.LINK))
    how.update(dict.fromkeys(quoted(text), NarrativeUse.QUOTE))
    used = list(Narrative.objects.filter(pk__in=how, live=True))
    if not used:
        return []
    refreshed = {
        "title": Truncator(title or str(obj)).chars(255),
        "url": url if url is not None else AdminURLFinder().get_edit_url(obj) or "",
        "used_at": timezone.now(),
    }
    if user is not None:
        refreshed["used_by"] = user
    content_type = ContentType.objects.get_for_model(obj)
    for narrative in used:
        NarrativeUse.objects.update_or_create(
            narrative=narrative,
            content_type=content_type,
            object_id=str(obj.pk),
            defaults={**refreshed, "how": how[narrative.pk]},
        )
    return used


def recent_uses(narrative):
    """Uses of ``narrative`` within the notice window by people still active, newest first."""
    since = timezone.now() - datetime.timedelta(days=settings.KOMUNIKAT_NARRATIVE_USE_NOTICE_DAYS)
    return (
        narrative.uses.filter(used_at__gte=since, used_by__is_active=True)
        .select_related("used_by")
        .order_by("-used_at")
    )


def tell_recent_users(narrative, reason):
    """Tell each recent user of ``narrative`` once that it ``"changed"`` or ``"expired"``."""
    if reason not in (CHANGED, EXPIRED):
        raise ValueError(f"reason must be {CHANGED!r} or {EXPIRED!r}, not {reason!r}")
    by_person = {}
    for use in recent_uses(narrative):
        by_person.setdefault(use.used_by, []).append(use)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    told = []
    for person, uses in by_person.items():
        context = {
            "narrative": narrative,
            "reason": reason,
            "uses": [
                {"use": use, "link": base + use.url if use.url.startswith("/") else use.url} for use in uses
            ],
        }
        told += notify(
            [person],
            kind=f"narratives.used.{reason}",
            template=TEMPLATE,
            context=context,
            url=narrative.get_admin_url(),
        )
    return told


def page_text(page):
    """The text of a press release or social post that may link to or quote narratives."""
    if isinstance(page, PressReleasePage):
        return "\n".join([page.lead, *_strings([block["value"] for block in page.body.raw_data])])
    return "\n".join([page.text, page.link, *(variant.text for variant in page.variants.all())])


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def record_page_uses(page_id, user_id):
    """Job: record the uses of a published press release or social post."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    page = page.specific
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    record_uses(page, text=page_text(page), user=user, narratives=page.narratives)


def tell_about_new_version(narrative_id):
    """Job: tell the recent users of a narrative that a new version was published."""
    narrative = Narrative.objects.filter(pk=narrative_id).first()
    if narrative is not None:
        tell_recent_users(narrative, CHANGED)


@receiver(page_published, sender=PressReleasePage, dispatch_uid="narratives-uses-release")
@receiver(page_published, sender=SocialPostPage, dispatch_uid="narratives-uses-post")
def record_uses_on_publish(sender, instance, revision=None, **kwargs):
    enqueue(record_page_uses, instance.pk, revision.user_id if revision else None)


@receiver(published, sender=Narrative, dispatch_uid="narratives-new-version")
def tell_on_new_version(sender, instance, **kwargs):
    """A first publication is no change; publishing sets both dates to the same moment then."""
    if (
        instance.live
        and instance.first_published_at
        and instance.first_published_at < instance.last_published_at
    ):
        enqueue(tell_about_new_version, instance.pk, queue="notifications")
