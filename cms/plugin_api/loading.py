"""Load plugins so that one broken plugin cannot stop the site.

:func:`preflight` runs in ``manage.py``, ``wsgi.py`` and ``asgi.py`` right before
Django loads its apps. It imports each enabled plugin's package and ``apps``
module, exactly as Django is about to, and leaves out of ``INSTALLED_APPS`` the
ones that raise, recording why. Errors in a plugin's feature modules are caught
later, in :meth:`KomunikatPlugin.ready`.
"""

import logging
from importlib import import_module

from django.utils.module_loading import module_has_submodule

logger = logging.getLogger(__name__)

#: Plugin key -> the error that kept it from loading.
LOAD_ERRORS = {}


def preflight():
    from django.conf import settings

    for plugin in settings.KOMUNIKAT_FOUND_PLUGINS:
        if not plugin.installable or plugin.module not in settings.INSTALLED_APPS:
            continue
        try:
            package = import_module(plugin.module)
            if module_has_submodule(package, "apps"):
                import_module(f"{plugin.module}.apps")
        except Exception as exc:
            LOAD_ERRORS[plugin.key] = f"cannot be imported: {type(exc).__name__}: {exc}"
            settings.INSTALLED_APPS.remove(plugin.module)
            logger.warning("Plugin %s left out: %s", plugin.key, LOAD_ERRORS[plugin.key])
