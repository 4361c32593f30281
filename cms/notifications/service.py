"""``notify()``: tell people something, in the admin and by e-mail, each in their own language."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
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
    time zone. The notifications are stored for the admin in one insert, and
    e-mailed over one connection to users with an address; a failed e-mail is
    logged and does not stop the others.
    """
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url if url.startswith("/") else url
    sender = settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL
    people = list({user.pk: user for user in users if user.is_active}.values())
    profiles = {profile.user_id: profile for profile in UserProfile.objects.filter(user__in=people)}
    created, emails = [], []
    for user in people:
        profile = profiles.get(user.pk) or UserProfile(user=user)  # defaults, nothing saved
        subject, body = _render(profile, template, {**context, "person": user, "url": link})
        created.append(Notification(recipient=user, subject=subject, body=body, url=url, kind=kind))
        if user.email:
            emails.append(EmailMessage(subject, body, sender, [user.email]))
    Notification.objects.bulk_create(created)
    _send(emails, kind)
    return created


def _render(profile, template, context):
    with (
        translation.override(profile.get_preferred_language()),
        timezone.override(profile.get_current_time_zone()),
    ):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return Truncator(" ".join(subject.split())).chars(255), body.strip()


def _send(emails, kind):
    """Each e-mail over one connection to the mail server; a refused one is logged, the rest still go."""
    if not emails:
        return
    try:
        connection = get_connection()
        connection.open()
    except Exception:
        logger.exception("Could not reach the mail server to e-mail the notification %s", kind)
        return
    try:
        for email in emails:
            try:
                connection.send_messages([email])
            except Exception:
                logger.exception("Could not e-mail %s the notification %s", ", ".join(email.to), kind)
    finally:
        connection.close()
