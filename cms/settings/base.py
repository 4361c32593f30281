"""Settings shared by every environment, read from environment variables.

The README lists each variable. Unset infrastructure variables select the
embedded default: SQLite, Wagtail's database search, jobs run in-process.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from cms import __version__
from cms.plugin_api.discovery import discover
from cms.settings.env import env_bool, env_int, env_list, env_str, env_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env_str("KOMUNIKAT_VAR_DIR", str(BASE_DIR / "var")))

KOMUNIKAT_VERSION = __version__

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Fernet keys for secrets at rest (channel credentials): the first encrypts, all decrypt.
ENCRYPTION_KEYS = env_list("KOMUNIKAT_ENCRYPTION_KEYS")

# --- Plugins -----------------------------------------------------------------
# Discovery reads module specs only; plugin code runs when Django loads the app.
KOMUNIKAT_PLUGINS = env_str("KOMUNIKAT_PLUGINS", "all")
KOMUNIKAT_FOUND_PLUGINS = discover(KOMUNIKAT_PLUGINS)
# Per-plugin settings by plugin label; environment variables
# KOMUNIKAT_<LABEL>_<NAME> override them (see docs/plugins.md).
PLUGINS_CONFIG = {}

CORE_APPS = [
    "cms.core",
    "cms.organisation",
    "cms.sla",
    "cms.approvals",
    "cms.workflow",
    "cms.notifications",
    "cms.editorial",
    "cms.outbox",
    "cms.content_calendar",
    "cms.narratives",
    "cms.personal_data",
    "search",
]

THIRD_PARTY_APPS = [
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_rq",
    "django_tasks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]


def plugin_apps(found):
    return [plugin.module for plugin in found if plugin.installable]


INSTALLED_APPS = CORE_APPS + plugin_apps(KOMUNIKAT_FOUND_PLUGINS) + THIRD_PARTY_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------
DATABASE_URL = env_url(
    "DATABASE_URL",
    ("sqlite", "postgres", "postgresql", "pgsql"),
    default=f"sqlite:///{VAR_DIR / 'komunikat.sqlite3'}",
)
#: Connections are kept between requests (opening one costs more than most API requests).
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, jobs -------------------------------------------------------------
REDIS_URL = env_url("REDIS_URL", ("redis", "rediss", "unix"))
# Without Redis, background jobs run in-process right after commit (cms.jobs).
KOMUNIKAT_JOBS_IN_PROCESS = REDIS_URL is None

JOB_QUEUES = ("default", "publishing", "notifications")
RQ_QUEUES = {
    name: {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 600} for name in JOB_QUEUES
}
# The outbox retries a retryable platform error this many times in all, waiting
# OUTBOX_RETRY_SECONDS, then twice as long each time (capped at two hours).
OUTBOX_MAX_ATTEMPTS = env_int("KOMUNIKAT_OUTBOX_MAX_ATTEMPTS", 6)
OUTBOX_RETRY_SECONDS = env_int("KOMUNIKAT_OUTBOX_RETRY_SECONDS", 60)
# cms.jobs.enqueue already waits for the commit, so django-rq enqueues at once.
RQ = {"COMMIT_MODE": "auto"}

# Wagtail runs its own background work (reference index, file clean-up)
# through django-tasks: on the RQ workers when Redis is there, else at once.
TASKS = {
    "default": (
        {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
        if REDIS_URL
        else {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    )
}

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rate limits (django-ratelimit) count per client address; behind a reverse proxy name the header
# that carries the client's address, e.g. HTTP_X_REAL_IP, or every citizen shares the proxy's.
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY", "") or None

# --- Search ------------------------------------------------------------------
# Wagtail's own search (admin page and image search) uses the database; the
# platform's documents (narratives and later ones) go to Elasticsearch via search/.
ELASTICSEARCH_URL = env_url("ELASTICSEARCH_URL", ("http", "https"))
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "komunikat")
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", 10)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- E-mail ------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Biuro prasowe <biuro.prasowe@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Passwords ---------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time -------------------------------------------------------
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "cms" / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Office hours of working days (Mon-Fri without Polish public holidays) in TIME_ZONE:
# the clock of due times and deadlines (cms.core.working_time).
KOMUNIKAT_OFFICE_HOURS = env_str("KOMUNIKAT_OFFICE_HOURS", "07:30-15:30")
# Narratives: days between the review notice, the reminder and the escalation;
# how far ahead the dashboard flags expiring narratives.
KOMUNIKAT_NARRATIVE_REMINDER_DAYS = env_int("KOMUNIKAT_NARRATIVE_REMINDER_DAYS", 7)
KOMUNIKAT_NARRATIVE_EXPIRY_WARNING_DAYS = env_int("KOMUNIKAT_NARRATIVE_EXPIRY_WARNING_DAYS", 14)
# How far back uses of a narrative count when it changes or expires: their authors are told.
KOMUNIKAT_NARRATIVE_USE_NOTICE_DAYS = env_int("KOMUNIKAT_NARRATIVE_USE_NOTICE_DAYS", 90)

# --- Static and media files --------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "cms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
#: Files with personal data (attachments of journalists' and citizens' records): never served
#: as media, only through views that check who asks (``storages["private"]``).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail -----------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("KOMUNIKAT_SITE_NAME", "Komunikat")
WAGTAILADMIN_BASE_URL = env_str("KOMUNIKAT_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# Addresses people can type and read aloud: "zrodlo", not "%C5%BAr%C3%B3d%C5%82o".
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# An edit to content that already passed an approval step starts the workflow again.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILAPI_LIMIT_MAX = 100
# Front ends get rich text as ready HTML (links resolved); ?rich_text_format=db_html gives the stored form.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"

# --- REST API ----------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "cms.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Komunikat API",
    "DESCRIPTION": "REST API of the Komunikat platform (core and plugins).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["cms.api.schema.only_api_v1"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django_tasks": {"level": "WARNING"}, "elastic_transport": {"level": "WARNING"}},
}
