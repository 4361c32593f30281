"""Admin screens for units.

A Wagtail ``ModelViewSet`` rather than wagtail-modeladmin: the unit form edits its
members inline (``InlinePanel`` on a ``ClusterableModel``), and the viewset gives
Wagtail 8's own listing with filters, search and breadcrumbs.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from cms.organisation.models import Unit


class UnitViewSet(ModelViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    menu_order = 8000
    add_to_settings_menu = True
    list_display = ["name", "code", "kind", "parent", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "code"]
    ordering = ["name"]
    copy_view_enabled = False
