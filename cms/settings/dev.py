"""The embedded default: runs with nothing installed (``make run``)."""

import secrets

from cms.settings.base import *  # noqa: F403
from cms.settings.env import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)


def _local_secret_key(var_dir):
    """A random key kept in ``var/`` so sessions survive restarts; never committed."""
    path = var_dir / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


def _local_encryption_key(var_dir):
    """A Fernet key kept in ``var/`` for channel credentials of the embedded default."""
    from cryptography.fernet import Fernet

    path = var_dir / "encryption_key"
    if not path.exists():
        path.write_text(Fernet.generate_key().decode())
        path.chmod(0o600)
    return path.read_text().strip()


# The embedded default keeps its SQLite file, uploads and key in var/.
VAR_DIR.mkdir(parents=True, exist_ok=True)
SECRET_KEY = SECRET_KEY or _local_secret_key(VAR_DIR)
ENCRYPTION_KEYS = ENCRYPTION_KEYS or [_local_encryption_key(VAR_DIR)]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
