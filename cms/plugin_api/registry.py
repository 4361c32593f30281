"""Which plugins Django loaded, and in what state."""

from django.apps import apps

from cms.plugin_api.config import KomunikatPlugin


def plugin_configs():
    """Every loaded plugin's config, in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if isinstance(config, KomunikatPlugin)]


def active_plugins():
    return [config for config in plugin_configs() if config.is_active]


def is_active(label):
    return any(config.label == label for config in active_plugins())


def plugin_feature(config, feature, attribute):
    """An attribute of a loaded feature module (``urlpatterns`` of ``urls.py``...), or None."""
    module = config.features.get(feature)
    return getattr(module, attribute, None) if module else None


def belongs_to_inactive_plugin(module_name):
    """Whether ``module_name`` is part of a loaded plugin that is not active."""
    return any(
        module_name.startswith(config.name + ".") for config in plugin_configs() if not config.is_active
    )
