"""Test set-up: the suite runs on the real PostgreSQL, Redis and Elasticsearch.

``make test`` starts them (scripts/services.sh) and exports their URLs; running
pytest without them is a usage error, never a silent skip.
"""

import os

import pytest

SERVICES = {
    "DATABASE_URL": "postgres",
    "REDIS_URL": "redis",
    "ELASTICSEARCH_URL": "http",
}


def pytest_configure(config):
    missing = [name for name, scheme in SERVICES.items() if not os.environ.get(name, "").startswith(scheme)]
    if missing:
        raise pytest.UsageError(
            f"{', '.join(missing)} not set to a real service. Run `make test`, or "
            "`scripts/services.sh up && . .services/env` before pytest."
        )


def pytest_report_header(config):
    from django.conf import settings

    return [
        f"komunikat backends: database={settings.DATABASES['default']['ENGINE']} "
        f"jobs={'in-process' if settings.KOMUNIKAT_JOBS_IN_PROCESS else 'rq@' + settings.REDIS_URL} "
        f"tasks={settings.TASKS['default']['BACKEND']} search={settings.ELASTICSEARCH_URL}",
    ]


@pytest.fixture
def redis_connection():
    """The jobs' Redis, emptied before and after the test."""
    import django_rq

    connection = django_rq.get_connection("default")
    connection.flushdb()
    yield connection
    connection.flushdb()


@pytest.fixture
def make_user(db, django_user_model):
    """Create a user in the named groups, optionally with unit memberships [(unit, role)]."""
    from django.contrib.auth.models import Group

    from cms.organisation.models import Membership

    def make(username, groups=(), memberships=(), **fields):
        user = django_user_model.objects.create_user(username=username, password="pass-1234-word", **fields)
        user.groups.set(Group.objects.filter(name__in=groups))
        for unit, role in memberships:
            Membership.objects.create(user=user, unit=unit, role=role)
        return user

    return make


@pytest.fixture
def press_room(db):
    """A press room under the home page, where press releases and social posts live."""
    from wagtail.models import Page

    from cms.editorial.models import PressRoomIndexPage

    return Page.objects.get(depth=2).add_child(
        instance=PressRoomIndexPage(title="Komunikaty", slug="komunikaty")
    )
