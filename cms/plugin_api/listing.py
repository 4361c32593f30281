"""One row per plugin found, for ``manage.py plugins`` and the status screen."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from cms.plugin_api.config import PluginState
from cms.plugin_api.loading import LOAD_ERRORS
from cms.plugin_api.registry import plugin_configs


@dataclass(frozen=True)
class PluginRow:
    key: str
    module: str
    source: str
    name: str
    version: str
    state: str
    errors: tuple

    @property
    def ok(self):
        return self.state == PluginState.ACTIVE


def plugin_rows():
    configs = {config.name: config for config in plugin_configs()}
    rows = []
    for found in settings.KOMUNIKAT_FOUND_PLUGINS:
        config = configs.get(found.module)
        error = found.error or LOAD_ERRORS.get(found.key)
        if not found.enabled:
            state, errors = "disabled", ()
        elif error or config is None:
            state, errors = PluginState.FAILED, (error or _("not loaded"),)
        else:
            state, errors = config.state, config.errors
        rows.append(
            PluginRow(
                key=found.key,
                module=found.module,
                source=found.source,
                name=str(config.verbose_name) if config else found.key,
                version=config.version if config else "",
                state=state,
                errors=tuple(errors),
            )
        )
    return rows


def state_label(state):
    if state == "disabled":
        return _("disabled")
    return str(PluginState.LABELS.get(state, state))
