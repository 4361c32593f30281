"""Secrets at rest: Fernet tokens under the keys in ``settings.ENCRYPTION_KEYS``.

The first key encrypts; every key decrypts, so a key is rotated by putting a new
one first, re-encrypting (``manage.py channels rotate-key``) and then dropping
the old one. Keys come from the ``KOMUNIKAT_ENCRYPTION_KEYS`` environment
variable (comma-separated); see the README.
"""

import json
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


class DecryptionError(Exception):
    """A stored secret that none of the configured keys opens."""


def new_key():
    return Fernet.generate_key().decode()


@cache
def _fernet(keys):
    if not keys:
        raise ImproperlyConfigured(
            "Set KOMUNIKAT_ENCRYPTION_KEYS (generate a key: manage.py channels new-key)."
        )
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"KOMUNIKAT_ENCRYPTION_KEYS holds a key that is not a Fernet key: {exc}"
        ) from None


def fernet():
    return _fernet(tuple(settings.ENCRYPTION_KEYS))


def encrypt(text):
    return fernet().encrypt(text.encode()).decode()


def decrypt(token):
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError(
            "A stored secret cannot be decrypted with the keys in KOMUNIKAT_ENCRYPTION_KEYS; "
            "was a key dropped before re-encrypting?"
        ) from None


class EncryptedJSONField(models.TextField):
    """A JSON object stored as one Fernet token: the database never holds it in clear."""

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return {}
        return json.loads(decrypt(value))

    def to_python(self, value):
        if isinstance(value, dict):
            return value
        return json.loads(decrypt(value)) if value else {}

    def get_prep_value(self, value):
        return encrypt(json.dumps(value or {}, sort_keys=True))
