from django.urls import path
from rest_framework.routers import SimpleRouter

from cms.narratives import api

router = SimpleRouter()
router.register("", api.NarrativeViewSet, basename="narrative")

urlpatterns = [
    path("search/", api.NarrativeSearchView.as_view(), name="narrative-search"),
    path("autocomplete/", api.NarrativeAutocompleteView.as_view(), name="narrative-autocomplete"),
    *router.urls,
]
