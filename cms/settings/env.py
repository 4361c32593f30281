"""Typed readers for environment variables.

Every reader names the variable in its error, so a missing or malformed value
stops start-up with a message an operator can act on.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_MISSING = object()


def _raw(name, default):
    value = os.environ.get(name)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"Set the {name} environment variable.")
        return default
    return value.strip()


def env_str(name, default=_MISSING):
    return _raw(name, default)


def env_bool(name, default=False):
    value = _raw(name, None)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a yes/no value (1, 0, true, false), got {value!r}.")


def env_int(name, default=_MISSING):
    value = _raw(name, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}.") from None


def env_list(name, default=()):
    value = _raw(name, None)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url(name, schemes, default=None):
    """Read a URL whose scheme is one of ``schemes``; ``None`` when unset or empty."""
    value = _raw(name, default) or None
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in schemes or not (parts.netloc or parts.path):
        raise ImproperlyConfigured(
            f"{name} must be a URL starting with {' or '.join(s + '://' for s in schemes)}, got {value!r}."
        )
    return value
