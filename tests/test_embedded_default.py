"""The embedded default as a newcomer runs it: SQLite, jobs in-process, database search, no services.

Also the plugin contract from the outside: a plugin made with ``startplugin`` and
installed with pip appears, and a broken plugin is reported without taking the site down.
"""

import json
import os
import re
import subprocess
import sys
import textwrap

import pytest

from tests.helpers import ROOT, Server, embedded_env, free_port, manage, wait_for_port


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """``manage.py platform_sandbox`` as ``make run`` starts it; yields the variables that point at it."""
    port = free_port()
    env = embedded_env(tmp_path_factory.mktemp("sandbox"))
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "platform_sandbox", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        url = f"http://127.0.0.1:{port}"
        yield {
            "KOMUNIKAT_SANDBOX_URL": url,
            "FACEBOOK_GRAPH_URL": f"{url}/facebook",
            "INSTAGRAM_GRAPH_URL": f"{url}/instagram",
            "LINKEDIN_API_URL": f"{url}/linkedin",
        }
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def site(tmp_path_factory, sandbox):
    """A migrated SQLite site with demo data and channels on the sandboxes; returns (tmp dir, seed output)."""
    tmp = tmp_path_factory.mktemp("embedded")
    env = embedded_env(tmp, **sandbox)
    manage("migrate", "--noinput", env=env)
    seeded = manage("seed_demo", env=env)
    return tmp, seeded.stdout


@pytest.fixture(scope="module")
def extra_plugins(tmp_path_factory):
    """pip --target folders: one holding a startplugin plugin, one a broken and an incompatible plugin.

    Returns (work dir, PYTHONPATH of all three, PYTHONPATH of the good one).
    """
    work = tmp_path_factory.mktemp("plugins")
    good, bad = work / "good", work / "bad"
    manage("startplugin", "weather", str(work), env=embedded_env(work))
    for name, init, platform in (
        ("broken", "import nonexistent_weather_sdk\n", ">=0.1"),
        ("future", "", ">=9.0"),
    ):
        root = work / f"komunikat_{name}"
        package = root / f"komunikat_{name}"
        package.mkdir(parents=True)
        (package / "__init__.py").write_text(init)
        (package / "apps.py").write_text(
            textwrap.dedent(f"""
                from cms.plugin_api.config import KomunikatPlugin

                class Plugin(KomunikatPlugin):
                    name = "komunikat_{name}"
                    label = "{name}"
                    version = "0.9.0"
                    platform_versions = "{platform}"
            """)
        )
        (root / "pyproject.toml").write_text(
            textwrap.dedent(f"""
                [project]
                name = "komunikat-{name}"
                version = "0.9.0"
                [project.entry-points."komunikat.plugins"]
                {name} = "komunikat_{name}"
                [tool.setuptools]
                packages = ["komunikat_{name}"]
            """)
        )
    for name, target in (("weather", good), ("broken", bad), ("future", bad)):
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
            + ["--target", str(target), str(work / f"komunikat_{name}")],
            check=True,
            capture_output=True,
        )
    return work, os.pathsep.join([str(good), str(bad)]), str(good)


def test_seed_demo_prints_passwords_once_and_is_idempotent(site):
    tmp, first = site
    assert re.search(r"^\s+piotr\.nowak\s+\S{8,}$", first, re.MULTILINE)
    again = manage("seed_demo", env=embedded_env(tmp))
    assert "piotr.nowak" not in again.stdout
    assert "14" in again.stdout


def test_the_demo_publishes_to_the_sandboxes_and_reads_their_comments(site, sandbox):
    tmp, _ = site
    report = (
        "import json; from cms.outbox.models import Channel, Delivery; "
        "from plugins.engage.models import InboxItem; "
        "print(json.dumps({'health': sorted({c.platform: c.health for c in Channel.objects.all()}.items()), "
        "'published': sorted(set(Delivery.objects.filter(status='published')"
        ".values_list('channel__platform', flat=True))), 'inbox': InboxItem.objects.count()}))"
    )
    output = manage("shell", "--no-imports", "-c", report, env=embedded_env(tmp, **sandbox)).stdout
    found = json.loads(output.strip().splitlines()[-1])
    platforms = ["facebook", "instagram", "linkedin", "mastodon", "webhook"]
    assert found["health"] == [[platform, "valid"] for platform in platforms]
    assert found["published"] == platforms
    assert found["inbox"] > 0


def test_embedded_site_serves_pages_admin_and_apis(site):
    tmp, _ = site
    with Server(embedded_env(tmp)) as server:
        status, _, body = server.get("/")
        assert status == 200 and "Biuro Prasowe Urzędu Miasta Wierzbin" in body
        assert server.get("/admin/login/")[0] == 200
        status, content_type, body = server.get("/api/v2/pages/")
        assert status == 200 and content_type == "application/json"
        titles = [item["title"] for item in json.loads(body)["items"]]
        assert "Tramwaj na Zielone Wzgórza: umowa z wykonawcą podpisana" in titles
        assert "Projekt budżetu Wierzbina na 2027 rok" not in titles  # under embargo
        assert "Remont ulicy Długiej: objazdy od poniedziałku" not in titles  # in moderation
        status, _, body = server.get("/komunikaty/json/")
        assert status == 200 and len(json.loads(body)["items"]) == 4
        status, content_type, _ = server.get("/api/v1/schema/")
        assert status == 200 and "openapi" in content_type


def test_embedded_narrative_search_answers_from_the_database_with_a_notice(site):
    tmp, _ = site
    env = embedded_env(tmp)
    (token,) = re.findall(r"token (\w+)", manage("drf_create_token", "piotr.nowak", env=env).stdout)
    with Server(env) as server:
        headers = {"Authorization": f"Token {token}"}
        assert server.get("/api/v1/narratives/search/?q=szko%C5%82y")[0] in (401, 403)
        status, _, body = server.get("/api/v1/narratives/search/?q=szko%C5%82y", headers=headers)
        found = json.loads(body)
        assert status == 200
        assert found["count"] > 0 and {result["status"] for result in found["results"]} == {"active"}
        assert set(found) == {"count", "results", "facets", "notice"}
        assert server.get("/api/v1/narratives/search/?q=x", headers=headers)[0] == 400
        status, _, body = server.get("/api/v1/narratives/autocomplete/?q=tram", headers=headers)
        assert status == 200 and json.loads(body)["results"]


def test_embedded_default_uses_sqlite_in_process_jobs_and_database_search(site):
    tmp, _ = site
    script = (
        "from django.conf import settings as s; from wagtail.search.backends import get_search_backend as g; "
        "print(s.DATABASES['default']['ENGINE'], s.KOMUNIKAT_JOBS_IN_PROCESS, "
        "s.TASKS['default']['BACKEND'], type(g()).__module__)"
    )
    out = manage("shell", "-c", script, env=embedded_env(tmp)).stdout.split()
    assert out[-4:] == [
        "django.db.backends.sqlite3",
        "True",
        "django_tasks.backends.immediate.ImmediateBackend",
        "modelsearch.backends.database.sqlite.sqlite",
    ]


def test_installed_plugins_are_listed_with_their_errors(site, extra_plugins):
    tmp, _ = site
    env = embedded_env(tmp, PYTHONPATH=extra_plugins[1])
    rows = {row["key"]: row for row in json.loads(manage("plugins", "--json", env=env).stdout)}
    assert rows["weather"]["state"] == "active"
    assert rows["weather"]["source"] == "entry point (komunikat-weather)"
    assert rows["broken"]["state"] == "failed"
    assert "No module named 'nonexistent_weather_sdk'" in rows["broken"]["errors"][0]
    assert rows["future"]["state"] == "incompatible"
    assert "supports Komunikat >=9.0" in rows["future"]["errors"][0]
    check = manage("check", env=env)
    assert "komunikat.W001" in check.stderr and "komunikat.W002" in check.stderr


def test_plugins_can_be_switched_off(site, extra_plugins):
    tmp, _ = site
    env = embedded_env(tmp, PYTHONPATH=extra_plugins[1], KOMUNIKAT_PLUGINS="-broken,-future")
    rows = {row["key"]: row["state"] for row in json.loads(manage("plugins", "--json", env=env).stdout)}
    assert rows == {
        "status": "active",
        "crm": "active",
        "inquiries": "active",
        "citizen_reports": "active",
        "engage": "active",
        "facebook": "active",
        "instagram": "active",
        "linkedin": "active",
        "mastodon": "active",
        "webhook": "active",
        "weather": "active",
        "broken": "disabled",
        "future": "disabled",
    }


def test_startplugin_plugin_shows_its_admin_view_in_the_menu(site, extra_plugins):
    tmp, _ = site
    env = embedded_env(tmp, PYTHONPATH=extra_plugins[1])
    script = (
        "from django.test import Client; from django.contrib.auth.models import User; "
        "c = Client(SERVER_NAME='localhost'); c.force_login(User.objects.get(username='admin')); "
        "menu = c.get('/admin/').content.decode(); view = c.get('/admin/plugins/weather/'); "
        "print('/admin/plugins/weather/' in menu, view.status_code, 'Weather works' in view.content.decode())"
    )
    assert manage("shell", "-c", script, env=env).stdout.split()[-3:] == ["True", "200", "True"]


def test_broken_plugin_does_not_take_the_site_down(site, extra_plugins):
    tmp, _ = site
    with Server(embedded_env(tmp, PYTHONPATH=extra_plugins[1])) as server:
        assert server.get("/")[0] == 200
        assert server.get("/admin/login/")[0] == 200


def test_startplugin_writes_a_plugin_whose_own_test_passes(extra_plugins):
    work, _, good = extra_plugins
    env = embedded_env(work, PYTHONPATH=good)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=work / "komunikat_weather",
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
