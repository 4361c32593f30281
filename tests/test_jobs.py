"""Background jobs on real Redis and RQ workers: after-commit enqueueing, queues, schedules."""

import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import django_rq
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from rq.registry import FailedJobRegistry

from cms.jobs import enqueue, held_back, periodic, periodic_jobs
from tests.dummy_plugin.jobs import record
from tests.helpers import ROOT, run_jobs


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_job_enqueued_in_a_transaction_reaches_redis_only_after_commit(redis_connection):
    queue = django_rq.get_queue("notifications")
    with transaction.atomic():
        enqueue(record, "after-commit", "yes", queue="notifications")
        assert queue.count == 0
    assert queue.count == 1
    run_jobs("notifications")
    assert cache.get("dummy:after-commit") == "yes"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rolled_back_transaction_enqueues_nothing(redis_connection):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(record, "rolled-back", "yes")
        raise RuntimeError
    assert django_rq.get_queue("default").count == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rqworker_command_runs_our_jobs_and_wagtails_tasks(redis_connection):
    from django.db import connection

    from cms.organisation.models import Unit

    test_database = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{connection.settings_dict['NAME']}")
    enqueue(record, "from-worker", "done", queue="default")
    Unit.objects.create(name="Wydział Promocji", code="WP")  # Wagtail enqueues a search index task
    assert django_rq.get_queue("default").count > 1
    result = subprocess.run(
        [sys.executable, "manage.py", "rqworker", "default", "--burst", "--job-class", "cms.jobs.worker.Job"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": urlunsplit(test_database),
        },
    )
    assert result.returncode == 0, result.stderr
    assert cache.get("dummy:from-worker") == "done"
    assert "Traceback" not in result.stderr, result.stderr
    assert FailedJobRegistry(queue=django_rq.get_queue("default")).count == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(KOMUNIKAT_JOBS_IN_PROCESS=True)
def test_without_redis_jobs_run_in_process_after_commit(redis_connection):
    with transaction.atomic():
        enqueue(record, "in-process", "ran")
        assert cache.get("dummy:in-process") is None
    assert cache.get("dummy:in-process") == "ran"
    assert django_rq.get_queue("default").count == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_jobs_held_back_are_dropped_and_others_still_go(redis_connection):
    queue = django_rq.get_queue("default")
    with transaction.atomic(), held_back(record):
        enqueue(record, "held-back", "yes")
    assert queue.count == 0
    enqueue(record, "after", "yes")
    assert queue.count == 1


def test_jobs_take_plain_values_only(django_user_model):
    with pytest.raises(TypeError, match="pass ids and plain values only"):
        enqueue(record, django_user_model(username="x"), 1)


def test_unknown_queue_is_refused():
    with pytest.raises(ValueError, match="Unknown job queue 'sms'"):
        enqueue(record, "k", "v", queue="sms")


def test_periodic_needs_one_schedule():
    with pytest.raises(ValueError):
        periodic(cron="* * * * *", interval=5)


def test_periodic_jobs_of_active_plugins_are_scheduled(capsys):
    names = {job.name: job for job in periodic_jobs()}
    assert names["plugins.status.jobs.heartbeat"].interval == 60
    assert names["tests.dummy_plugin.jobs.every_five_minutes"].queue == "notifications"
    call_command("run_scheduler", "--list")
    assert (
        "tests.dummy_plugin.jobs.every_five_minutes  [notifications]  cron */5 * * * *"
        in capsys.readouterr().out
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_scheduler_enqueues_periodic_job_that_a_worker_runs(redis_connection):
    from django_rq.cron import DjangoCronScheduler

    from plugins.status.models import Heartbeat

    scheduler = DjangoCronScheduler()
    for job in periodic_jobs():
        scheduler.register(job.func, job.queue, cron=job.cron, interval=job.interval, name=job.name)
    enqueued = scheduler.enqueue_jobs()
    assert "plugins.status.jobs.heartbeat" in {job.name for job in enqueued}
    run_jobs("default")
    assert Heartbeat.objects.filter(name="scheduler").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wagtail_background_tasks_go_to_rq(redis_connection):
    from wagtail.models import Page
    from wagtail.tasks import update_reference_index_task

    page = Page.objects.get(depth=2)
    update_reference_index_task.enqueue("wagtailcore", "page", page.pk)
    assert django_rq.get_queue("default").count == 1
    run_jobs("default")
    assert django_rq.get_queue("default").count == 0
