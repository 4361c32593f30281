from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import pages as pages_api
from cms.api.errors import json_not_found
from cms.core import views as core_views
from cms.plugin_api.registry import active_plugins, plugin_feature
from cms.workflow import already_decided

urlpatterns = [
    path("healthz/", core_views.healthz, name="healthz"),
    # Ahead of Wagtail's admin: acting on an approval step someone already decided gives a notice.
    path("admin/", include(already_decided.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", pages_api.router.urls),
    path("api/v1/", include("cms.api.urls")),
    re_path(r"^api/", json_not_found),
    path("review/", include("cms.workflow.external_review.urls")),
    path("calendar/", include("cms.content_calendar.urls")),
]

for _config in active_plugins():
    _patterns = plugin_feature(_config, "urls", "urlpatterns")
    if _patterns is not None:
        urlpatterns.append(path(f"{_config.public_prefix}/", include((_patterns, f"{_config.label}-public"))))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path as a page, so it comes last.
urlpatterns.append(path("", include(wagtail_urls)))

handler404 = "cms.core.views.not_found"
handler500 = "cms.core.views.server_error"
