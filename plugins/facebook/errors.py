"""Graph API failures as the connector contract's typed errors, keeping the platform's own message.

Graph answers an error with ``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}``
(https://developers.facebook.com/docs/graph-api/guides/error-handling); the code, not the HTTP
status, says what happened.
"""

import json
from http import HTTPStatus
from http.client import responses

import requests
from django.utils.translation import gettext as _

from cms.outbox.connectors import InvalidCredentials, PermanentError, RetryableError
from cms.outbox.http_failures import may_have_arrived, retry_after

#: Rate limits: application (4), user (17), Page (32), API-specific (613), Instagram publishing (9)
#: and the business use case limits (80000-80014, Pages 80001, Instagram 80002, Messenger 80006).
RATE_LIMIT_CODES = frozenset({4, 9, 17, 32, 613, *range(80000, 80015)})
#: "API Unknown" and "API Service": temporary, retry later.
TRANSIENT_CODES = frozenset({1, 2})
#: The access token is missing (104), expired, revoked or otherwise invalid (102, 190).
TOKEN_CODES = frozenset({102, 104, 190})
#: Headers in which Graph tells, in minutes, when a throttled app may call again.
USAGE_HEADERS = ("X-Business-Use-Case-Usage", "X-Page-Usage", "X-App-Usage")


def graph_error(status, headers, body, text=""):
    """The typed error for a Graph answer that is an error (by HTTP status or by its body)."""
    error = body.get("error") if isinstance(body, dict) else None
    error = error if isinstance(error, dict) else {}
    code = error.get("code")
    platform_message = _platform_message(error, text, status)
    details = {"platform_message": platform_message, "status_code": status}
    if code in RATE_LIMIT_CODES or status == HTTPStatus.TOO_MANY_REQUESTS:
        return RetryableError(
            _("The platform's rate limit was reached") + _reference(error),
            retry_after=_retry_after(headers),
            **details,
        )
    if code in TOKEN_CODES or status == HTTPStatus.UNAUTHORIZED:
        return InvalidCredentials(
            _("The access token is invalid or has expired") + _reference(error), **details
        )
    if code in TRANSIENT_CODES or error.get("is_transient") or status >= HTTPStatus.INTERNAL_SERVER_ERROR:
        return RetryableError(
            _("The platform is temporarily unavailable") + _reference(error),
            retry_after=_retry_after(headers),
            **details,
        )
    # Invalid parameter (100), blocked (368), duplicate post (506), missing permission (10, 200-299)...
    return PermanentError(_("The platform refused the request") + _reference(error), **details)


def unreadable_answer(response, *, acting):
    """A successful status with a body that is not Graph's JSON: the call may have worked."""
    return RetryableError(
        _("The platform's answer could not be read"),
        platform_message=response.text.strip()[:500],
        status_code=response.status_code,
        maybe_done=acting,
    )


def transport_error(exc, *, acting):
    """A request that got no answer. ``acting``: it would change something (POST, DELETE).

    A write that may have reached the platform is *maybe done*: the core then asks the platform
    (``find_published``) instead of sending it again.
    """
    if isinstance(exc, ValueError):  # InvalidURL, MissingSchema...: FACEBOOK_GRAPH_URL is wrong
        return PermanentError(_("The request could not be sent: %(error)s") % {"error": exc})
    if isinstance(exc, requests.Timeout):
        message = _("The platform did not answer in time")
    else:
        message = _("The connection to the platform failed")
    return RetryableError(f"{message} ({type(exc).__name__})", maybe_done=acting and may_have_arrived(exc))


def _platform_message(error, text, status):
    message = error.get("message") or text.strip()[:500] or responses.get(status, str(status))
    user_message = error.get("error_user_msg")
    return f"{message} {user_message}" if user_message and user_message not in message else message


def _reference(error):
    """`` (#100/33, fbtrace_id …)``: what Meta's support asks for."""
    if "code" not in error:
        return ""
    code = f"#{error['code']}" + (f"/{error['error_subcode']}" if error.get("error_subcode") else "")
    trace = f", fbtrace_id {error['fbtrace_id']}" if error.get("fbtrace_id") else ""
    return f" ({code}{trace})"


def _retry_after(headers):
    """Seconds to wait: the ``Retry-After`` header, else Graph's estimated time to regain access."""
    seconds = retry_after(headers)
    if seconds is not None:
        return seconds
    minutes = []
    for name in USAGE_HEADERS:
        try:
            minutes += _regain_minutes(json.loads(headers.get(name) or "null"))
        except ValueError:
            continue
    return max(minutes) * 60 if minutes and max(minutes) > 0 else None


def _regain_minutes(usage):
    if isinstance(usage, list):
        return [m for item in usage for m in _regain_minutes(item)]
    if isinstance(usage, dict):
        found = usage.get("estimated_time_to_regain_access")
        nested = [m for value in usage.values() for m in _regain_minutes(value)]
        return [found, *nested] if isinstance(found, int) else nested
    return []
