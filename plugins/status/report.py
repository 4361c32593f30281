"""Collect the state of every service the platform depends on."""

from dataclasses import asdict, dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.plugin_api.listing import plugin_rows, state_label
from plugins.status.jobs import HEARTBEAT_INTERVAL
from plugins.status.models import Heartbeat
from search import connection as search_connection


@dataclass
class Check:
    key: str
    name: str
    ok: bool
    detail: str
    extra: dict = field(default_factory=dict)


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:
        return Check("database", _("Database"), False, str(exc))
    return Check("database", _("Database"), True, connection.vendor)


def _queues():
    if settings.KOMUNIKAT_JOBS_IN_PROCESS:
        return Check("queues", _("Job queues"), True, _("REDIS_URL is not set: jobs run in-process."))
    import django_rq
    from rq import Worker
    from rq.registry import FailedJobRegistry

    try:
        counts = {}
        for name in settings.JOB_QUEUES:
            queue = django_rq.get_queue(name)
            counts[name] = {"queued": queue.count, "failed": FailedJobRegistry(queue=queue).count}
        workers = Worker.count(connection=django_rq.get_connection())
    except Exception as exc:
        return Check("queues", _("Job queues"), False, _("Redis does not answer: %(error)s") % {"error": exc})
    if not workers:
        detail = _("No worker is running: start manage.py rqworker %(queues)s") % {
            "queues": " ".join(settings.JOB_QUEUES) + " --job-class cms.jobs.worker.Job"
        }
    else:
        detail = _("%(workers)d workers") % {"workers": workers}
    return Check("queues", _("Job queues"), bool(workers), detail, {"queues": counts})


def _scheduler():
    beat = Heartbeat.objects.filter(name="scheduler").first()
    if settings.KOMUNIKAT_JOBS_IN_PROCESS:
        return Check("scheduler", _("Scheduler"), True, _("Not used without Redis."))
    if beat is None:
        return Check("scheduler", _("Scheduler"), False, _("No periodic job has run yet."))
    late = timezone.now() - beat.seen_at > timedelta(seconds=3 * HEARTBEAT_INTERVAL)
    return Check(
        "scheduler",
        _("Scheduler"),
        not late,
        _("Last periodic job at %(time)s")
        % {"time": timezone.localtime(beat.seen_at).strftime("%Y-%m-%d %H:%M:%S")},
    )


def _search():
    if not search_connection.is_configured():
        return Check(
            "elasticsearch", _("Elasticsearch"), True, _("ELASTICSEARCH_URL is not set: database search.")
        )
    info = search_connection.server_info()
    if info is None:
        return Check("elasticsearch", _("Elasticsearch"), False, _("Elasticsearch does not answer."))
    return Check(
        "elasticsearch", _("Elasticsearch"), True, _("version %(version)s") % {"version": info["version"]}
    )


def collect():
    checks = [_database(), _queues(), _scheduler(), _search()]
    plugins = [
        {**asdict(row), "errors": list(row.errors), "state_label": state_label(row.state)}
        for row in plugin_rows()
    ]
    return {"ok": all(c.ok for c in checks), "services": [asdict(c) for c in checks], "plugins": plugins}
