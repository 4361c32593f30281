"""What connectors that speak HTTP with ``requests`` read from a failed call, the same for every platform:
whether the request may have reached the platform (then an acting call is *maybe done*), and how long the
platform asks to wait (``RetryableError.retry_after``)."""

import email.utils
import time

import requests
from urllib3.exceptions import NewConnectionError


def may_have_arrived(exc):
    """Whether the request that raised ``exc`` (a ``requests`` exception) may have reached the server.

    A connection that timed out or was refused never carried it; a later failure (a read
    timeout, a dropped connection) may have come after the server acted.
    """
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return not isinstance(exc, requests.ConnectTimeout) and not isinstance(reason, NewConnectionError)


def retry_after(headers):
    """The ``Retry-After`` header in seconds (it is a number or an HTTP date); None without one."""
    value = headers.get("Retry-After", "")
    if value.isdigit():
        return int(value)
    try:
        return max(int(email.utils.parsedate_to_datetime(value).timestamp() - time.time()), 0)
    except (TypeError, ValueError):
        return None
