"""Configuration from the environment: clear errors, and a production module that passes check --deploy."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings import env
from tests.helpers import embedded_env, manage

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "p" * 20 + "-Zx8#kq1!Lw2@Rt5$Yu9%Io3^Pa6&Sd0*Fg4",
    "ALLOWED_HOSTS": "prasa.um.wierzbin.pl",
    "DATABASE_URL": "postgres://komunikat@127.0.0.1:1/komunikat",
    "KOMUNIKAT_ENCRYPTION_KEYS": "dGVzdHMtb25seS1rb211bmlrYXQta2V5LTAwMDAwMDA=",
}


def test_env_bool_rejects_garbage(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG must be a yes/no value"):
        env.env_bool("DJANGO_DEBUG")


def test_env_url_checks_the_scheme(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "localhost:6379")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL must be a URL starting with redis://"):
        env.env_url("REDIS_URL", ("redis",))


def test_env_int_names_the_variable(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT must be a whole number"):
        env.env_int("EMAIL_PORT")


def test_malformed_database_url_stops_start_up_naming_the_variable(tmp_path):
    result = manage("check", env=embedded_env(tmp_path, DATABASE_URL="mysql//nope"), check=False)
    assert result.returncode == 2
    assert "Komunikat cannot start: DATABASE_URL must be a URL" in result.stderr


def test_production_without_secret_key_names_it(tmp_path):
    environment = embedded_env(tmp_path, **{**PRODUCTION, "SECRET_KEY": ""})
    result = manage("check", env=environment, check=False)
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr


def test_production_settings_pass_check_deploy(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=embedded_env(tmp_path, **PRODUCTION))
    assert "System check identified no issues" in result.stdout
