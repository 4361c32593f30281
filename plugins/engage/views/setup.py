"""What the press office prepares for the inbox, in the "Engage" menu: reply templates and watch words.

Wagtail ``ModelViewSet``s with model permissions: moderators, coordinators and
administrators change them; editors and unit representatives read the templates.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet

from plugins.engage.models import ReplyTemplate, WatchWord
from plugins.engage.views import MENU_HOOK


class ReplyTemplateViewSet(ModelViewSet):
    model = ReplyTemplate
    icon = "doc-full"
    menu_label = _("Reply templates")
    menu_order = 300
    menu_hook = MENU_HOOK
    url_prefix = "plugins/engage/templates"
    copy_view_enabled = True
    inspect_view_enabled = False
    form_fields = ["title", "topic", "is_crisis", "text", "active"]
    list_display = [
        "title",
        Column("topic", label=_("topic"), accessor=lambda t: t.topic or "—"),
        BooleanColumn("is_crisis", label=_("crisis")),
        BooleanColumn("active", label=_("active")),
    ]
    list_filter = ["topic", "is_crisis", "active"]
    search_fields = ["title", "text"]


class WatchWordViewSet(ModelViewSet):
    model = WatchWord
    icon = "warning"
    menu_label = _("Watch words")
    menu_order = 310
    menu_hook = MENU_HOOK
    url_prefix = "plugins/engage/watch-words"
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["word", "inflected", "active"]
    list_display = [
        "word",
        Column("matches", label=_("matches words starting with"), accessor="matches"),
        BooleanColumn("inflected", label=_("other forms")),
        BooleanColumn("active", label=_("active")),
    ]
    list_filter = ["active"]
    search_fields = ["word"]


@hooks.register("register_admin_viewset")
def register_setup_viewsets():
    return [ReplyTemplateViewSet("engage_templates"), WatchWordViewSet("engage_watch_words")]
