"""The webhook signature: how Komunikat signs a delivery, and the reference check for receivers."""

import hashlib
import hmac
import time

#: A receiver refuses a delivery whose timestamp is further than this from its clock (seconds).
TOLERANCE = 300
PREFIX = "sha256="


def sign(secret, timestamp, body):
    """The ``X-Komunikat-Signature`` value: ``sha256=`` + hex HMAC-SHA256 of ``"<timestamp>.<body>"``."""
    message = str(timestamp).encode("ascii") + b"." + body
    return PREFIX + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify_signature(secret, timestamp, body, header, *, tolerance=TOLERANCE, now=None):
    """Whether ``header`` signs the raw ``body`` sent at ``timestamp`` with ``secret``.

    ``timestamp`` and ``header`` are the ``X-Komunikat-Timestamp`` and
    ``X-Komunikat-Signature`` values as received; ``body`` is the raw request
    body (bytes, before any JSON parsing). A timestamp further than
    ``tolerance`` seconds from ``now`` fails, so a captured request cannot be
    replayed later.
    """
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((time.time() if now is None else now) - sent) > tolerance:
        return False
    if not isinstance(header, str) or not header.startswith(PREFIX):
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), header)
