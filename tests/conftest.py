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


pytest_plugins = ["tests.inquiry_helpers", "tests.report_helpers", "tests.connector_helpers"]


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


@pytest.fixture
def make_narrative(db):
    """Create a narrative (published unless live=False); topics are slugs, created when missing."""
    import datetime

    from django.utils import timezone

    from cms.core.models import Topic
    from cms.narratives.models import Narrative

    def make(title, summary="Krótka wersja stanowiska.", body="<p>Treść stanowiska.</p>", **fields):
        topics = fields.pop("topics", ())
        tags = fields.pop("tags", ())
        fields.setdefault("live", True)
        if fields["live"]:
            fields.setdefault("next_review_at", timezone.localdate() + datetime.timedelta(days=90))
        narrative = Narrative.objects.create(title=title, summary=summary, body=body, **fields)
        for slug in topics:
            topic, _ = Topic.objects.get_or_create(
                slug=slug, defaults={"name": slug.replace("-", " ").title()}
            )
            narrative.topics.add(topic)
        narrative.tags.add(*tags)
        narrative.save()  # modelcluster keeps topics and tags in memory until save()
        return narrative

    return make


@pytest.fixture
def narrative_index():
    """An empty narratives index; call the returned function to index what the database holds."""
    from search import connection, indexes, sync
    from search.narratives import NarrativeDocument

    client = connection.get_client()

    def drop():
        names = list(client.indices.get(index=f"{indexes.alias_name(NarrativeDocument)}-*").body)
        if names:
            client.indices.delete(index=",".join(names))

    drop()
    indexes.ensure_index(NarrativeDocument)
    yield lambda: sync.rebuild(NarrativeDocument)
    drop()


def _private_storage_to(location, monkeypatch):
    """Point every FileField of the private storage at ``location`` (fields took theirs at import)."""
    from django.apps import apps
    from django.core.files.storage import FileSystemStorage
    from django.db.models import FileField

    storage = FileSystemStorage(location=location, base_url=None)
    for model in apps.get_models():
        for field in model._meta.fields:
            source = getattr(field, "_storage_callable", None)
            if isinstance(field, FileField) and getattr(source, "__name__", "") == "private_storage":
                monkeypatch.setattr(field, "storage", storage)
    return storage


@pytest.fixture
def attachment_storage(tmp_path, monkeypatch):
    """Files of the private storage (attachments, quarantined mail) go to a directory of the test."""
    return _private_storage_to(tmp_path / "private", monkeypatch)


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """``seed_demo`` once for the module, rolled back after it; yields the e-mails it sent.

    Seeding takes seconds, so the tests of a module share it; each runs in a savepoint inside.
    """
    import io

    from django.core import mail
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        _private_storage_to(tmp_path_factory.mktemp("private"), patch)
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            mail.outbox = []
            call_command("seed_demo", stdout=io.StringIO())
            yield list(mail.outbox)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback that Django's mail goes to; ``.messages`` holds what it accepted."""
    from aiosmtpd.controller import Controller
    from django.test import override_settings

    from tests.helpers import Mailbox, free_port

    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    smtp_settings = override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=10,
    )
    with smtp_settings:
        yield mailbox
    controller.stop()
