"""E-mails of the review link: the link to the person, their decision to the editor who made it."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

logger = logging.getLogger(__name__)


def _send(template, context, recipient, language):
    with translation.override(language):
        subject = render_to_string(f"workflow/external_review/email/{template}_subject.txt", context)
        body = render_to_string(f"workflow/external_review/email/{template}.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [recipient])
    except OSError:
        logger.exception("Could not send the review link e-mail %s to %s", template, recipient)
        return False
    return True


def send_link(review):
    """Send the link to the person, in the site's language; False when the mail server refused."""
    context = {"review": review, "page": review.revision.as_object(), "sender": review.created_by}
    return _send("link", context, review.reviewer_email, settings.LANGUAGE_CODE)


def send_decision(review):
    """Tell the editor who made the link what the person decided, in the editor's admin language."""
    creator = review.created_by
    if creator is None or not creator.email:
        return False
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "review": review,
        "page": review.revision.as_object(),
        "edit_url": base_url + reverse("wagtailadmin_pages:edit", args=[review.page_id]),
        "history_url": base_url + reverse("wagtailadmin_pages:history", args=[review.page_id]),
    }
    language = UserProfile.get_for_user(creator).get_preferred_language()
    return _send("decision", context, creator.email, language)
