"""docker-compose.yml and the Dockerfiles, kept consistent by reading: no Docker engine runs here."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "scheduler")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_every_service_of_the_stack_is_there_with_a_healthcheck(compose):
    services = compose["services"]
    assert set(services) == {"web", "worker", "scheduler", "db", "redis", "elasticsearch"}
    assert not [name for name, service in services.items() if "healthcheck" not in service]


def test_app_services_share_one_image_and_run_their_role(compose):
    services = compose["services"]
    assert {services[name]["build"] for name in APP_SERVICES} == {"."}
    assert [services[name]["command"] for name in APP_SERVICES] == [["web"], ["worker"], ["scheduler"]]


def test_app_waits_for_healthy_backing_services(compose):
    depends = compose["services"]["web"]["depends_on"]
    assert {name: rule["condition"] for name, rule in depends.items()} == {
        "db": "service_healthy",
        "redis": "service_healthy",
        "elasticsearch": "service_healthy",
    }


def test_named_volumes_are_declared(compose):
    used = {
        volume.split(":")[0]
        for service in compose["services"].values()
        for volume in service.get("volumes", [])
        if not volume.startswith((".", "/"))
    }
    assert used and used <= set(compose["volumes"])


def test_uploads_and_private_files_outlive_the_containers(compose):
    dockerfile = (ROOT / "Dockerfile").read_text()
    roots = dict(re.findall(r"\b((?:PRIVATE_)?MEDIA_ROOT)=(\S+)", dockerfile))
    mounted = {volume.split(":")[1] for volume in compose["services"]["web"]["volumes"]}
    assert roots.keys() == {"MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"}
    assert set(roots.values()) <= mounted
    assert [
        name
        for name in APP_SERVICES
        if compose["services"][name]["volumes"] != compose["services"]["web"]["volumes"]
    ] == []


def test_secrets_are_required_not_written_down(compose):
    environment = compose["services"]["web"]["environment"]
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert ":?" in compose["services"]["db"]["environment"]["POSTGRES_PASSWORD"]
    assert "${POSTGRES_PASSWORD:?" in environment["DATABASE_URL"]


def test_elasticsearch_image_matches_the_test_services_and_ships_the_polish_stemmer():
    dockerfile = (ROOT / "docker/elasticsearch/Dockerfile").read_text()
    (image_version,) = re.findall(r"elasticsearch/elasticsearch:(\S+) AS", dockerfile)
    (script_version,) = re.findall(r"^ES_VERSION=(\S+)$", (ROOT / "scripts/services.sh").read_text(), re.M)
    assert image_version == script_version
    descriptor = (ROOT / "docker/elasticsearch/plugin/stable-plugin-descriptor.properties").read_text()
    assert f"elasticsearch.version={script_version}" in descriptor.splitlines()
    assert "hunspell-pl" in dockerfile
    assert "komunikat_hunspell" in (ROOT / "docker/elasticsearch/plugin/named_components.json").read_text()
    for source in re.findall(r"search/elasticsearch_plugin/src/\S+\.java", dockerfile):
        assert list(ROOT.glob(source)), source


def test_entrypoint_runs_gunicorn_workers_and_the_scheduler():
    entrypoint = (ROOT / "docker/entrypoint.sh").read_text()
    assert "gunicorn cms.wsgi:application" in entrypoint
    assert "rqworker default publishing notifications" in entrypoint
    assert "manage.py run_scheduler" in entrypoint
    assert 'ENTRYPOINT ["komunikat-entrypoint"]' in (ROOT / "Dockerfile").read_text()


def test_job_queues_in_compose_match_the_settings():
    from django.conf import settings

    entrypoint = (ROOT / "docker/entrypoint.sh").read_text()
    (queues,) = re.findall(r"rqworker ([a-z ]+?) --job-class cms.jobs.worker.Job ;;", entrypoint)
    assert tuple(queues.split()) == settings.JOB_QUEUES
