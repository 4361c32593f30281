"""System checks that report plugin problems as warnings, so the site keeps running."""

from django.conf import settings
from django.core.checks import Warning

from cms.plugin_api.discovery import Selection
from cms.plugin_api.loading import LOAD_ERRORS
from cms.plugin_api.registry import plugin_configs


def check_plugins(app_configs=None, **kwargs):
    messages = []
    found = settings.KOMUNIKAT_FOUND_PLUGINS
    for plugin in found:
        error = plugin.error or LOAD_ERRORS.get(plugin.key)
        if plugin.enabled and error:
            messages.append(
                Warning(
                    f"Plugin {plugin.key!r} ({plugin.module}) {error}.", id="komunikat.W001", obj=plugin.key
                )
            )
    for config in plugin_configs():
        for error in config.errors:
            messages.append(
                Warning(
                    f"Plugin {config.label!r} is {config.state}: {error}.",
                    hint="The plugin is off until this is fixed; the rest of the site runs.",
                    id="komunikat.W002",
                    obj=config.label,
                )
            )
    keys = [plugin.key for plugin in found]
    for key in Selection.parse(settings.KOMUNIKAT_PLUGINS).unknown(keys):
        messages.append(
            Warning(f"KOMUNIKAT_PLUGINS names {key!r}, but no such plugin is installed.", id="komunikat.W003")
        )
    labels = {plugin.module: plugin.key for plugin in found}
    for config in plugin_configs():
        key = labels.get(config.name)
        if key and key != config.label:
            messages.append(
                Warning(
                    f"Plugin key {key!r} differs from its app label {config.label!r}.",
                    hint="Name the entry point after the AppConfig label.",
                    id="komunikat.W004",
                )
            )
    return messages
