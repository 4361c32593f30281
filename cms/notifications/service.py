"""``notify()``: tell people something, in the admin and by e-mail, each in their own language."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import Truncator
from wagtail.users.models import UserProfile

from cms.notifications.models import Notification

logger = logging.getLogger(__name__)

#: A template for simple notices: renders ``subject`` and ``message`` from the context, and the link.
GENERIC = "notifications/email/generic"


def notify(users, *, kind, template, context, url=""):
    """Tell each distinct active user in ``users``; return the Notifications created.

    ``<template>_subject.txt`` and ``<template>.txt`` are rendered with ``context``
    plus ``person`` (the user) and ``url`` (absolute) in the user's language and
    time zone. The notification is stored for the admin, and e-mailed to users
    with an address; a failed e-mail is logged and does not stop the others.
    """
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url if url.startswith("/") else url
    seen = set()
    created = []
    for user in users:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        subject, body = _render(user, template, {**context, "person": user, "url": link})
        created.append(
            Notification.objects.create(recipient=user, subject=subject, body=body, url=url, kind=kind)
        )
        if user.email:
            _send(user, subject, body, kind)
    return created


def _render(user, template, context):
    profile = UserProfile.get_for_user(user)
    with (
        translation.override(profile.get_preferred_language()),
        timezone.override(profile.get_current_time_zone()),
    ):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return Truncator(" ".join(subject.split())).chars(255), body.strip()


def _send(user, subject, body, kind):
    try:
        send_mail(subject, body, settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL, [user.email])
    except Exception:
        logger.exception("Could not e-mail %s the notification %s", user.email, kind)
