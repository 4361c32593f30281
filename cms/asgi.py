"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

from cms.plugin_api.loading import preflight  # noqa: E402

preflight()
application = get_asgi_application()
