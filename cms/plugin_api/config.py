"""The base class of every plugin's AppConfig."""

import logging
import os
import sys
from importlib import import_module
from types import MappingProxyType

from django.apps import AppConfig, apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from cms import __version__ as PLATFORM_VERSION
from cms.plugin_api.menu import MenuItem

logger = logging.getLogger(__name__)

#: Modules a plugin may ship, loaded by file name in this order.
#: ``wagtail_hooks`` comes last so a plugin that failed earlier adds nothing to the admin.
FEATURE_MODULES = ("jobs", "search", "connectors", "api", "urls", "admin_urls", "wagtail_hooks")


class PluginState:
    ACTIVE = "active"
    INCOMPATIBLE = "incompatible"
    MISCONFIGURED = "misconfigured"
    FAILED = "failed"

    LABELS = MappingProxyType(
        {
            ACTIVE: _("active"),
            INCOMPATIBLE: _("incompatible"),
            MISCONFIGURED: _("misconfigured"),
            FAILED: _("failed to load"),
        }
    )


class KomunikatPlugin(AppConfig):
    """Subclass this in a plugin's ``apps.py``; see docs/plugins.md.

    The class attributes are the plugin's declaration. ``ready()`` checks the
    declaration and then loads the plugin's feature modules; a plugin that
    overrides ``ready()`` must call ``super().ready()`` first.
    """

    #: The plugin's own version (PEP 440).
    version = "0.0.0"
    #: Komunikat versions the plugin supports, as a PEP 440 specifier such as ``">=0.1,<1"``.
    platform_versions = ""
    #: crm, desk, reports, connector, editorial, operations or other.
    category = "other"
    description = ""
    #: Labels of plugins that must be installed and active for this one to work.
    requires = ()
    #: Settings with their defaults; read them with :meth:`get_setting`.
    default_settings = MappingProxyType({})
    #: Settings that must have a value (from the environment or PLUGINS_CONFIG).
    required_settings = ()
    #: Job queues the plugin enqueues to; each must be in ``settings.JOB_QUEUES``.
    queues = ()
    #: Entries for the Wagtail admin menu.
    menu_items = ()
    #: Prefix of the plugin's public URLs (``urls.py``); defaults to the label.
    url_prefix = None
    #: Prefix of the plugin's API (``api.py``) under ``/api/v1/``; defaults to the label.
    #: An empty string mounts the routes straight under ``/api/v1/`` (their names must not clash).
    api_prefix = None

    #: Django picks the one ``default`` AppConfig of an ``apps.py``; this base class,
    #: imported there, must not count, while every subclass does unless it says otherwise.
    default = False

    state = PluginState.ACTIVE
    errors = ()
    features = MappingProxyType({})

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.default = cls.__dict__.get("default", True)

    def ready(self):
        errors = self._declaration_errors()
        if errors:
            self._disable(PluginState.INCOMPATIBLE, errors)
            return
        errors = self._settings_errors()
        if errors:
            self._disable(PluginState.MISCONFIGURED, errors)
            return
        self._load_features()

    # --- settings -------------------------------------------------------------
    def get_setting(self, name):
        """The value of one plugin setting.

        Looked up in the environment variable ``KOMUNIKAT_<LABEL>_<NAME>``, then in
        ``settings.PLUGINS_CONFIG[label][name]``, then in :attr:`default_settings`.
        """
        env_name = f"KOMUNIKAT_{self.label.upper()}_{name.upper()}"
        if env_name in os.environ:
            return os.environ[env_name]
        configured = getattr(settings, "PLUGINS_CONFIG", {}).get(self.label, {})
        if name in configured:
            return configured[name]
        if name in self.default_settings:
            return self.default_settings[name]
        raise KeyError(f"Plugin {self.label!r} has no setting {name!r}.")

    def _settings_errors(self):
        errors = []
        for name in self.required_settings:
            try:
                value = self.get_setting(name)
            except KeyError:
                value = None
            if value in (None, ""):
                errors.append(
                    f"required setting {name} is not set (environment variable "
                    f"KOMUNIKAT_{self.label.upper()}_{name.upper()} or PLUGINS_CONFIG)"
                )
        return errors

    # --- declaration ----------------------------------------------------------
    def _declaration_errors(self):
        errors = []
        if not self.platform_versions:
            errors.append("declares no platform_versions")
        else:
            try:
                supported = SpecifierSet(self.platform_versions)
            except InvalidSpecifier:
                errors.append(f"platform_versions {self.platform_versions!r} is not a version specifier")
            else:
                if Version(PLATFORM_VERSION) not in supported:
                    errors.append(
                        f"supports Komunikat {self.platform_versions}, this is Komunikat {PLATFORM_VERSION}"
                    )
        unknown_queues = sorted(set(self.queues) - set(settings.JOB_QUEUES))
        if unknown_queues:
            errors.append(f"uses unknown job queues: {', '.join(unknown_queues)}")
        for required in self.requires:
            if not _label_installed(required):
                errors.append(f"requires plugin {required!r}, which is not installed or not enabled")
        for item in self.menu_items:
            if not isinstance(item, MenuItem):
                errors.append(f"menu_items holds {item!r}, expected cms.plugin_api.MenuItem")
        return errors

    # --- loading --------------------------------------------------------------
    def _load_features(self):
        loaded = {}
        for name in FEATURE_MODULES:
            if not module_has_submodule(self.module, name):
                continue
            try:
                loaded[name] = import_module(f"{self.name}.{name}")
            except Exception as exc:
                logger.exception("Plugin %s: %s.py failed to load", self.label, name)
                self.features = MappingProxyType(loaded)
                self._disable(PluginState.FAILED, [f"{name}.py failed to load: {type(exc).__name__}: {exc}"])
                return
        self.features = MappingProxyType(loaded)

    def _disable(self, state, errors):
        """Record why the plugin is off and keep Wagtail from loading its admin hooks."""
        self.state = state
        self.errors = tuple(errors)
        for error in errors:
            logger.warning("Plugin %s is %s: %s", self.label, state, error)
        # Wagtail imports every app's wagtail_hooks itself; a None entry in
        # sys.modules makes that lookup find nothing instead of importing it.
        sys.modules.setdefault(f"{self.name}.wagtail_hooks", None)

    @property
    def is_active(self):
        return self.state == PluginState.ACTIVE

    @property
    def public_prefix(self):
        return self.url_prefix or self.label

    @property
    def api_path(self):
        """Where the plugin's API is mounted, relative to /api/v1/ ("" or "<prefix>/")."""
        prefix = self.label if self.api_prefix is None else self.api_prefix
        return f"{prefix}/" if prefix else ""


def _label_installed(label):
    return any(config.label == label for config in apps.get_app_configs())
