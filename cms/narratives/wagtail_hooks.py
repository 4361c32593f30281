"""The narratives in the admin: the snippet screens with status, filters and history."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from cms.narratives import review_admin, search_admin  # noqa: F401  (their admin URLs, menus and panels)
from cms.narratives.filters import NarrativeFilterSet
from cms.narratives.models import Narrative


class StatusColumn(Column):
    cell_template_name = "narratives/status_cell.html"

    def get_value(self, instance):
        return instance


class NarrativeIndexView(IndexView):
    """The list, with a way to the full-text search next to "Add"."""

    @cached_property
    def header_buttons(self):
        search = HeaderButton(_("Search narratives"), url=reverse("narratives_search"), icon_name="search")
        return [*super().header_buttons, search]


class NarrativeViewSet(SnippetViewSet):
    model = Narrative
    index_view_class = NarrativeIndexView
    icon = "openquote"
    menu_label = _("Narratives")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "title",
        StatusColumn("status", label=_("Status")),
        "unit",
        "owner",
        "expires_at",
        "next_review_at",
    ]
    list_per_page = 50
    filterset_class = NarrativeFilterSet
    search_fields = ["title", "summary", "body"]
    ordering = ["title"]

    def get_queryset(self, request):
        return Narrative.objects.select_related("unit", "owner")


register_snippet(NarrativeViewSet)
