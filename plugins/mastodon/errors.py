"""Mastodon.py's exceptions as the connector contract's typed errors, keeping the server's own message.

Mastodon answers an error with ``{"error": "..."}``; Mastodon.py raises it as
``MastodonAPIError("Mastodon API returned error", status, reason, error)`` or a
subclass by status (401, 404, 5xx), ``MastodonRatelimitError`` on 429 (we ask it
to throw, never to sleep) and ``MastodonNetworkError`` when no answer came.
"""

import contextlib
import math
import time

from django.utils.translation import gettext as _
from mastodon import (
    MastodonAPIError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)

from cms.outbox.connectors import InvalidCredentials, PermanentError, RetryableError


@contextlib.contextmanager
def translated(client, *, acting=False):
    """Raise Mastodon.py's exceptions inside as typed errors.

    ``acting``: the call creates something, so a lost answer means it may be done.
    """
    try:
        yield
    except MastodonRatelimitError as exc:
        raise RetryableError(
            _("Mastodon's rate limit was reached"), retry_after=_until_reset(client), status_code=429
        ) from exc
    except MastodonUnauthorizedError as exc:
        raise InvalidCredentials(
            _("Mastodon refused the access token"), platform_message=_said(exc), status_code=401
        ) from exc
    except MastodonServerError as exc:
        raise RetryableError(
            _("The Mastodon server is unavailable"), platform_message=_said(exc), status_code=_status(exc)
        ) from exc
    except MastodonNetworkError as exc:
        # Mastodon.py wraps every transport failure alike; the request may have arrived.
        raise RetryableError(
            _("The Mastodon server did not answer"), platform_message=str(exc), maybe_done=acting
        ) from exc
    except MastodonNotFoundError as exc:
        raise PermanentError(
            _("Mastodon does not know this item"), platform_message=_said(exc), status_code=404
        ) from exc
    except MastodonAPIError as exc:
        raise PermanentError(
            _("Mastodon refused the request"), platform_message=_said(exc), status_code=_status(exc)
        ) from exc


def _status(exc):
    return exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None


def _said(exc):
    """The server's ``error`` text, else the HTTP reason."""
    args = exc.args
    return str(args[3] or args[2]) if len(args) > 3 else str(exc)


def _until_reset(client):
    """Seconds until the limit resets: Mastodon.py keeps the 429's ``X-RateLimit-Reset`` on the client."""
    if client.ratelimit_reset is None:
        return None
    return max(math.ceil(client.ratelimit_reset - time.time()), 1)
