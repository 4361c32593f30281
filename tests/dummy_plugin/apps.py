from cms.plugin_api.config import KomunikatPlugin
from cms.plugin_api.menu import MenuItem


class DummyPlugin(KomunikatPlugin):
    name = "tests.dummy_plugin"
    label = "dummy"
    verbose_name = "Dummy plugin"
    version = "1.2.3"
    platform_versions = ">=0.1,<1"
    category = "other"
    default_settings = {"GREETING": "Hello", "LIMIT": 10}
    queues = ("default", "notifications")
    menu_items = (MenuItem(label="Dummy desk", url_name="dummy:index", icon_name="doc-full", order=500),)
