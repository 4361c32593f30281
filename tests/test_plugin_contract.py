"""The plugin contract, seen from inside one process: discovery, declaration, loading, features."""

import json
import sys

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings

from cms.plugin_api.config import KomunikatPlugin, PluginState
from cms.plugin_api.discovery import Selection, discover
from cms.plugin_api.registry import active_plugins
from search import registry as search_registry


class TestSelection:
    def test_default_takes_every_plugin(self):
        selection = Selection.parse("")
        assert selection.enables("status") and selection.enables("anything")

    def test_minus_leaves_one_out_of_all(self):
        selection = Selection.parse("-facebook")
        assert selection.enables("status")
        assert not selection.enables("facebook")

    def test_bare_keys_are_an_allow_list(self):
        selection = Selection.parse("status, crm")
        assert selection.enables("crm")
        assert not selection.enables("facebook")

    def test_unknown_keys_are_reported(self):
        assert Selection.parse("all,-nope,crm").unknown(["crm", "status"]) == ["nope"]


def test_discovery_finds_first_party_and_reports_missing_modules():
    found = {p.key: p for p in discover("all", extra={"ghost": "no_such_module_anywhere"})}
    assert found["status"].installable and found["status"].source == "first-party"
    assert not found["ghost"].installable
    assert "not installed" in found["ghost"].error


def test_disabled_plugin_is_not_installed():
    found = {p.key: p for p in discover("-status")}
    assert not found["status"].enabled


def test_loaded_plugins_are_active():
    assert {"status", "dummy"} <= {config.label for config in active_plugins()}


def test_plugin_settings_come_from_env_then_config_then_defaults(monkeypatch):
    config = apps.get_app_config("dummy")
    assert config.get_setting("GREETING") == "Dzień dobry"  # PLUGINS_CONFIG
    assert config.get_setting("LIMIT") == 10  # default_settings
    monkeypatch.setenv("KOMUNIKAT_DUMMY_GREETING", "Cześć")
    assert config.get_setting("GREETING") == "Cześć"
    with pytest.raises(KeyError):
        config.get_setting("NOPE")


def _plugin(**attributes):
    """A plugin config built around the dummy plugin's module, with other declarations."""
    module = sys.modules["tests.dummy_plugin"]
    cls = type(
        "ProbePlugin", (KomunikatPlugin,), {"name": "tests.dummy_plugin", "label": "probe", **attributes}
    )
    return cls("tests.dummy_plugin", module)


def test_unsupported_platform_version_makes_plugin_incompatible():
    config = _plugin(platform_versions=">=7.0")
    config.ready()
    assert config.state == PluginState.INCOMPATIBLE
    assert "supports Komunikat >=7.0" in config.errors[0]


def test_missing_required_setting_makes_plugin_misconfigured():
    config = _plugin(platform_versions=">=0.1", required_settings=("API_TOKEN",))
    config.ready()
    assert config.state == PluginState.MISCONFIGURED
    assert "KOMUNIKAT_PROBE_API_TOKEN" in config.errors[0]


def test_missing_required_plugin_is_an_error_of_the_plugin():
    config = _plugin(platform_versions=">=0.1", requires=("weather",))
    config.ready()
    assert config.state == PluginState.INCOMPATIBLE
    assert "requires plugin 'weather'" in config.errors[0]


def test_an_installed_required_plugin_is_fine():
    config = _plugin(platform_versions=">=0.1", requires=("crm",))
    config.ready()
    assert config.state == PluginState.ACTIVE


def test_unknown_queue_is_an_error():
    config = _plugin(platform_versions=">=0.1", queues=("sms",))
    config.ready()
    assert "unknown job queues: sms" in config.errors[0]


def test_failing_feature_module_fails_the_plugin_and_blocks_its_admin_hooks(tmp_path, monkeypatch):
    package = tmp_path / "broken_feature"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "urls.py").write_text("raise RuntimeError('boom in urls')\n")
    (package / "wagtail_hooks.py").write_text("raise AssertionError('must never be imported')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import broken_feature

    cls = type(
        "BrokenPlugin",
        (KomunikatPlugin,),
        {"name": "broken_feature", "label": "broken_feature", "platform_versions": ">=0.1"},
    )
    config = cls("broken_feature", broken_feature)
    try:
        config.ready()
        assert config.state == PluginState.FAILED
        assert "urls.py failed to load: RuntimeError: boom in urls" in config.errors[0]
        from django.utils.module_loading import module_has_submodule

        assert not module_has_submodule(broken_feature, "wagtail_hooks")
    finally:
        sys.modules.pop("broken_feature.wagtail_hooks", None)


def test_search_registry_rejects_what_is_not_a_document():
    with pytest.raises(TypeError, match="Document subclass"):
        search_registry.register(object)


def test_plugin_documents_are_registered():
    assert "NoteDocument" in [doc.__name__ for doc in search_registry.documents()]


def test_plugins_command_lists_plugins_as_json(capsys):
    call_command("plugins", "--json")
    rows = {row["key"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["status"]["state"] == "active" and rows["status"]["source"] == "first-party"
    assert rows["dummy"]["version"] == "1.2.3"


@override_settings(KOMUNIKAT_PLUGINS="all,-nothere")
def test_system_check_warns_about_unknown_selection():
    from cms.core.checks import check_plugins

    assert [m.id for m in check_plugins()] == ["komunikat.W003"]


@pytest.mark.django_db
class TestPluginFeaturesAreMounted:
    def test_public_urls(self, client):
        response = client.get("/dummy/hello/")
        assert response.status_code == 200
        assert response.content.decode() == "Dzień dobry"

    def test_admin_url_and_menu_item(self, admin_client):
        response = admin_client.get("/admin/plugins/dummy/")
        assert response.content == b"dummy admin"
        home = admin_client.get("/admin/").content.decode()
        assert "Dummy desk" in home
        assert "/admin/plugins/dummy/" in home

    def test_api_urls(self, admin_client):
        assert admin_client.get("/api/v1/dummy/ping/").json() == {"pong": "admin"}
        assert "dummy" in admin_client.get("/api/v1/").json()["plugins"]


def test_jobs_and_documents_of_an_inactive_plugin_are_left_out(monkeypatch):
    from cms.jobs import periodic_jobs

    monkeypatch.setattr(apps.get_app_config("dummy"), "state", PluginState.FAILED)
    assert "tests.dummy_plugin.jobs.every_five_minutes" not in [job.name for job in periodic_jobs()]
    assert "NoteDocument" not in [doc.__name__ for doc in search_registry.documents()]
    assert "plugins.status.jobs.heartbeat" in [job.name for job in periodic_jobs()]
