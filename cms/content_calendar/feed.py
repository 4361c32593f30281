"""The private iCalendar feed of the content calendar at /calendar/<token>.ics.

The address is the only key, so the feed says no more than the calendar's
titles, times and statuses, and stops when the token is revoked or its user
loses access to the admin.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from wagtail.users.models import UserProfile

from cms.content_calendar.entries import entries
from cms.content_calendar.models import CalendarFeedToken

DAYS_BACK = 30
DAYS_AHEAD = 180


def ics(request, token):
    feed_token = get_object_or_404(CalendarFeedToken.objects.select_related("user"), token=token)
    user = feed_token.user
    if not (user.is_active and user.has_perm("wagtailadmin.access_admin")):
        raise Http404
    now = timezone.now()
    CalendarFeedToken.objects.filter(pk=feed_token.pk).update(last_used_at=now)
    found = entries(now - timedelta(days=DAYS_BACK), now + timedelta(days=DAYS_AHEAD))
    with translation.override(UserProfile.get_for_user(user).get_preferred_language()):
        body = calendar_of(found, request, now).to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def calendar_of(found, request, stamp):
    """An iCalendar of the entries: title and status, time, and the admin address of each page."""
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "komunikat"
    calendar = Calendar()
    calendar.add("prodid", "-//Komunikat//Content calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("%(site)s: content calendar") % {"site": settings.WAGTAIL_SITE_NAME})
    for entry in found:
        event = Event()
        event.add("uid", f"{entry.uid}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.at)
        event.add("summary", f"{entry.status_label}: {entry.title}")
        event.add("categories", [str(entry.type_label)])
        event.add("url", request.build_absolute_uri(entry.edit_url))
        calendar.add_component(event)
    return calendar
