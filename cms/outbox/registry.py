"""Which connectors the active plugins provide, by platform key."""

import functools

from django.utils.translation import gettext_lazy as _

from cms.outbox.connectors import Connector
from cms.plugin_api.registry import active_plugins, plugin_feature


class UnknownPlatform(LookupError):
    pass


@functools.cache
def connectors():
    """Platform key -> connector class, from every active plugin's ``connectors.CONNECTORS``.

    Plugins are loaded once at start-up, so the table is built and checked once per process.
    """
    found = {}
    for config in active_plugins():
        for cls in plugin_feature(config, "connectors", "CONNECTORS") or ():
            if not (isinstance(cls, type) and issubclass(cls, Connector)):
                raise TypeError(f"Plugin {config.label}: CONNECTORS holds {cls!r}, not a Connector subclass.")
            errors = cls.declaration_errors()
            if errors:
                raise TypeError(f"Plugin {config.label}: {cls.__name__} {'; '.join(errors)}.")
            if cls.platform in found and found[cls.platform] is not cls:
                raise TypeError(f"Plugin {config.label}: platform {cls.platform!r} is already taken.")
            found[cls.platform] = cls
    return found


def connector_class(platform):
    try:
        return connectors()[platform]
    except KeyError:
        raise UnknownPlatform(
            _("There is no active connector for the platform “%(platform)s”.") % {"platform": platform}
        ) from None


def platform_choices():
    return sorted(((key, cls.verbose_name) for key, cls in connectors().items()), key=lambda c: str(c[1]))
