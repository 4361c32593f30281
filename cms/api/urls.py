"""/api/v1/: core routes, one prefix per active plugin with an ``api.py``, schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import SimpleRouter

from cms.api import views
from cms.plugin_api.registry import active_plugins, plugin_feature

app_name = "api-v1"

router = SimpleRouter()
router.register("units", views.UnitViewSet, basename="unit")

urlpatterns = [
    path("", views.RootView.as_view(), name="root"),
    path("me/", views.MeView.as_view(), name="me"),
    path("auth/token/", obtain_auth_token, name="token"),
    path("narratives/", include("cms.narratives.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-v1:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-v1:schema"), name="redoc"),
    *router.urls,
]

for _config in active_plugins():
    _patterns = plugin_feature(_config, "api", "urlpatterns")
    if _patterns is not None:
        urlpatterns.append(path(_config.api_path, include((_patterns, _config.label))))
