"""Admin integration of the core (topics) and of plugins (their admin URLs and menu items)."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem as WagtailMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core import transitions
from cms.core.models import Topic
from cms.plugin_api.registry import active_plugins, plugin_feature


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_order = 300
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(TopicViewSet)


@hooks.register("register_admin_urls")
def register_plugin_admin_urls():
    routes = []
    for config in active_plugins():
        patterns = plugin_feature(config, "admin_urls", "urlpatterns")
        if patterns is not None:
            routes.append(path(f"plugins/{config.label}/", include((patterns, config.label))))
    return routes


class PluginMenuItem(WagtailMenuItem):
    """A plugin's declared menu entry, shown to users holding its permission."""

    def __init__(self, item):
        self.permission = item.permission
        super().__init__(item.label, reverse(item.url_name), icon_name=item.icon_name, order=item.order)

    def is_shown(self, request):
        return self.permission is None or request.user.has_perm(self.permission)


def _menu_hook(item):
    return lambda: PluginMenuItem(item)


for _config in active_plugins():
    for _item in _config.menu_items:
        hooks.register("register_admin_menu_item", _menu_hook(_item))


@hooks.register("register_log_actions")
def register_transition_action(actions):
    actions.register_action(transitions.TRANSITION)(transitions.TransitionFormatter)
