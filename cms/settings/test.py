"""Test settings: the real services named by DATABASE_URL, REDIS_URL and ELASTICSEARCH_URL."""

from cms.plugin_api.discovery import discover
from cms.settings.base import *  # noqa: F403
from cms.settings.env import env_str

SECRET_KEY = SECRET_KEY or "komunikat-tests-only-" + "x" * 40
DEBUG = False
# A fixed key for tests only (Fernet format: 32 bytes, URL-safe base64).
ENCRYPTION_KEYS = ENCRYPTION_KEYS or ["dGVzdHMtb25seS1rb211bmlrYXQta2V5LTAwMDAwMDA="]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "komunikat-test")

# A dummy plugin exercises the plugin contract; it exists only in test runs.
KOMUNIKAT_EXTRA_PLUGINS = {"dummy": "tests.dummy_plugin"}
KOMUNIKAT_FOUND_PLUGINS = discover(KOMUNIKAT_PLUGINS, extra=KOMUNIKAT_EXTRA_PLUGINS)
INSTALLED_APPS = CORE_APPS + plugin_apps(KOMUNIKAT_FOUND_PLUGINS) + THIRD_PARTY_APPS
PLUGINS_CONFIG = {"dummy": {"GREETING": "Dzień dobry"}}
# Serve static files from the apps (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
