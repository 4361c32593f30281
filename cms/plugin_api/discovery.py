"""Find plugins without running their code.

Settings call :func:`discover` to decide which plugin apps to install: the
first-party plugins, every module named in the ``komunikat.plugins`` entry-point
group, and test-only extras, filtered by the ``KOMUNIKAT_PLUGINS`` selection.
Only ``importlib.util.find_spec`` touches a plugin here; its code runs later,
when Django loads the app. This module imports nothing from Django.
"""

import importlib.util
from dataclasses import dataclass
from importlib.metadata import entry_points

ENTRY_POINT_GROUP = "komunikat.plugins"

FIRST_PARTY = {
    "status": "plugins.status",
    "crm": "plugins.crm",
    "inquiries": "plugins.inquiries",
    "citizen_reports": "plugins.citizen_reports",
    "engage": "plugins.engage",
    "facebook": "plugins.facebook",
    "instagram": "plugins.instagram",
    "linkedin": "plugins.linkedin",
    "mastodon": "plugins.mastodon",
    "webhook": "plugins.webhook",
}


@dataclass(frozen=True)
class FoundPlugin:
    """A plugin seen by discovery, before Django loads it."""

    key: str
    module: str
    source: str
    enabled: bool
    error: str = ""

    @property
    def installable(self):
        return self.enabled and not self.error


@dataclass(frozen=True)
class Selection:
    """The parsed ``KOMUNIKAT_PLUGINS`` value.

    Comma-separated keys: ``all`` (the default) takes every plugin found, a bare
    key takes that plugin, ``-key`` leaves it out. Without any bare key, ``all``
    is implied, so ``-facebook`` means "everything but facebook".
    """

    everything: bool
    included: frozenset
    excluded: frozenset

    @classmethod
    def parse(cls, text):
        tokens = [t.strip() for t in (text or "all").split(",") if t.strip()]
        excluded = {t[1:].strip() for t in tokens if t.startswith("-")}
        included = {t for t in tokens if not t.startswith("-") and t != "all"}
        everything = "all" in tokens or not included
        return cls(everything, frozenset(included), frozenset(excluded))

    def enables(self, key):
        return key not in self.excluded and (self.everything or key in self.included)

    def unknown(self, keys):
        """Keys named in the selection that no plugin carries."""
        return sorted((self.included | self.excluded) - set(keys))


def _module_error(module):
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError) as exc:
        return f"cannot be imported: {exc}"
    return "" if spec else f"module {module!r} is not installed"


def _entry_point_plugins():
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist.name if ep.dist else "?"
        yield ep.name, ep.value.split(":")[0].strip(), f"entry point ({dist})"


def discover(selection_text="all", extra=None):
    """Return every plugin found, in load order, with its enabled state.

    ``extra`` maps keys to module paths for plugins that are neither first-party
    nor installed with an entry point (test settings use it for a dummy plugin).
    """
    selection = Selection.parse(selection_text)
    candidates = [(key, module, "first-party") for key, module in FIRST_PARTY.items()]
    candidates += list(_entry_point_plugins())
    candidates += [(key, module, "settings") for key, module in (extra or {}).items()]

    found, seen = [], {}
    for key, module, source in candidates:
        if key in seen:
            found.append(
                FoundPlugin(key, module, source, False, f"key {key!r} is already used by {seen[key]}")
            )
            continue
        seen[key] = module
        enabled = selection.enables(key)
        found.append(FoundPlugin(key, module, source, enabled, _module_error(module) if enabled else ""))
    return found
