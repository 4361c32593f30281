"""Admin search screen for narratives (query, facets, highlights, copy the short version)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.narratives.search_views import NarrativeSearchView


class SearchMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("narratives.view_narrative")


@hooks.register("register_admin_urls")
def register_search_urls():
    return [path("narratives/search/", NarrativeSearchView.as_view(), name="narratives_search")]


@hooks.register("register_admin_menu_item")
def register_search_menu_item():
    return SearchMenuItem(
        _("Search narratives"),
        reverse("narratives_search"),
        name="narratives-search",
        icon_name="search",
        order=251,
    )
