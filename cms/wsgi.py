"""WSGI entry point (gunicorn cms.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

from cms.heap import freeze_startup_objects

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

from cms.plugin_api.loading import preflight  # noqa: E402

preflight()
application = get_wsgi_application()
freeze_startup_objects()
