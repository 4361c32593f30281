"""Anti-abuse on the public pages without third-party CAPTCHAs: a honeypot, a minimum fill time, rate limits.

- The honeypot is a field people never see; a bot that fills it is told "thank you" and nothing is stored.
- The form carries the time it was shown, signed; a form sent back sooner than MIN_FILL_SECONDS, or with
  the time missing or altered, is shown again (nothing stored) with a message.
- Rate limits (django-ratelimit, fixed windows in the cache): every submission counts against the
  sender's IP address (RATE_PER_IP), every report sent against its e-mail address (RATE_PER_EMAIL), and
  every action on a status page against the IP address too. Over the limit: HTTP 429 with a readable page.
"""

import time
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.core import signing
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django_ratelimit.core import get_usage

#: The honeypot's name: a field bots like to fill.
HONEYPOT = "website"
#: The hidden field with the signed time the form was shown.
STARTED = "started"
STARTED_SALT = "citizen_reports.form.started"
#: A form kept open longer than this is shown again with a fresh time.
_MAX_AGE = 24 * 3600

FORM_IP = "citizen_reports.form.ip"
FORM_EMAIL = "citizen_reports.form.email"
STATUS_IP = "citizen_reports.status.ip"


def _setting(name):
    return apps.get_app_config("citizen_reports").get_setting(name)


def is_bot(data):
    """The honeypot is filled: pretend success, store nothing."""
    return bool((data.get(HONEYPOT) or "").strip())


def started_token():
    """The signed time the form is shown, for the hidden field."""
    return signing.dumps(time.time(), salt=STARTED_SALT)


def fill_time_problem(data):
    """Why the form cannot be accepted yet (sent too fast, time missing or altered), or None."""
    try:
        started = float(signing.loads(data.get(STARTED) or "", salt=STARTED_SALT, max_age=_MAX_AGE))
    except signing.SignatureExpired:
        return gettext("The form was open for a very long time. Please check your report and send it again.")
    except (signing.BadSignature, TypeError, ValueError):
        return gettext(
            "We could not check when the form was shown to you. Please check your report and send it again."
        )
    if time.time() - started < float(_setting("MIN_FILL_SECONDS")):
        return gettext(
            "The form was sent very quickly after it was shown, as automated messages are. "
            "Please check your report and send it again."
        )
    return None


@dataclass
class Limit:
    """A limit reached: when the next attempt will be accepted."""

    retry_at: object
    seconds: int


def _check(request, group, key, rate, *, increment=True):
    usage = get_usage(request, group=group, key=key, rate=rate, increment=increment)
    if usage is None:
        return None
    over = usage["count"] > usage["limit"] if increment else usage["count"] >= usage["limit"]
    if not over:
        return None
    seconds = max(usage["time_left"], 1)
    return Limit(timezone.now() + timedelta(seconds=seconds), seconds)


def form_ip_limit(request):
    """Count this submission against the sender's IP address; a Limit when over RATE_PER_IP."""
    return _check(request, FORM_IP, "ip", _setting("RATE_PER_IP"))


def _email_key(email):
    return lambda group, request: email.strip().lower()


def form_email_limit(request, email):
    """A Limit when the reports sent from ``email`` reached RATE_PER_EMAIL (nothing is counted here)."""
    if not (email or "").strip():
        return None
    return _check(request, FORM_EMAIL, _email_key(email), _setting("RATE_PER_EMAIL"), increment=False)


def count_email(request, email):
    """Count a report sent from ``email``."""
    if (email or "").strip():
        _check(request, FORM_EMAIL, _email_key(email), _setting("RATE_PER_EMAIL"))


def status_ip_limit(request):
    """Count an action on a status page against the IP address; a Limit when over RATE_PER_IP."""
    return _check(request, STATUS_IP, "ip", _setting("RATE_PER_IP"))


def too_many(request, page, limit):
    """The readable 429 page saying when to try again."""
    minutes = -(-limit.seconds // 60)
    response = TemplateResponse(
        request,
        "citizen_reports/rate_limited.html",
        {"page": page, "retry_at": limit.retry_at, "minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(limit.seconds)
    return response
