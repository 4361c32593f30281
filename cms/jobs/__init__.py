"""Background jobs: the one place that enqueues work and declares schedules.

``enqueue(func, *ids)`` runs ``func`` on an RQ worker once the current database
transaction commits, or in-process right after the commit when ``REDIS_URL`` is
unset (the embedded default). Jobs take ids and plain values, never model
instances: a worker loads fresh rows itself.

``with held_back(func, ...):`` drops those jobs instead (demo data of the past: nobody
is e-mailed about it).

``@periodic(cron="0 7 * * 1-5")`` or ``@periodic(interval=300)`` declares a job
that ``manage.py run_scheduler`` enqueues on schedule.
"""

import contextlib
import contextvars
import datetime
import functools
import logging
import uuid
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

_held_back = contextvars.ContextVar("komunikat_jobs_held_back", default=frozenset())
_PLAIN_TYPES = (str, int, float, bool, type(None), uuid.UUID, datetime.date, datetime.datetime)


@dataclass(frozen=True)
class PeriodicJob:
    func: object
    queue: str
    cron: str | None
    interval: int | None

    @property
    def name(self):
        return f"{self.func.__module__}.{self.func.__qualname__}"

    @property
    def schedule(self):
        return f"cron {self.cron}" if self.cron else f"every {self.interval} s"


_periodic_jobs = {}


def _check_job(func, queue, args, kwargs):
    if queue not in settings.JOB_QUEUES:
        raise ValueError(f"Unknown job queue {queue!r}; the queues are {', '.join(settings.JOB_QUEUES)}.")
    if "<locals>" in getattr(func, "__qualname__", "<locals>"):
        raise TypeError(f"{func!r} is not a module-level function, so a worker cannot import it.")
    for value in (*args, *kwargs.values()):
        items = value if isinstance(value, list | tuple) else (value,)
        if not all(isinstance(item, _PLAIN_TYPES) for item in items):
            raise TypeError(
                f"Job {func.__qualname__} got {type(value).__name__}; pass ids and plain values only."
            )


def enqueue(func, *args, queue="default", **kwargs):
    """Run ``func(*args, **kwargs)`` in the background after the current transaction commits."""
    _check_job(func, queue, args, kwargs)
    if func in _held_back.get():
        return
    transaction.on_commit(partial(_dispatch, func, queue, args, kwargs))


@contextlib.contextmanager
def held_back(*funcs):
    """Inside, jobs of ``funcs`` are dropped when enqueued, not run."""
    token = _held_back.set(_held_back.get() | frozenset(funcs))
    try:
        yield
    finally:
        _held_back.reset(token)


def _dispatch(func, queue, args, kwargs):
    if settings.KOMUNIKAT_JOBS_IN_PROCESS:
        try:
            func(*args, **kwargs)
        except Exception:
            logger.exception("In-process job %s failed", func.__qualname__)
        return
    _queue(queue).enqueue(func, *args, **kwargs)


@functools.cache
def _queue(name):
    """One RQ queue (and Redis connection pool) per name for the process, not a new connection per job."""
    import django_rq

    return django_rq.get_queue(name)


def periodic(*, cron=None, interval=None, queue="default"):
    """Declare the decorated function a job run on a schedule (a cron line or seconds)."""
    if bool(cron) == bool(interval):
        raise ValueError("periodic() takes exactly one of cron= or interval=.")

    def register(func):
        _check_job(func, queue, (), {})
        job = PeriodicJob(func, queue, cron, interval)
        _periodic_jobs[job.name] = job
        return func

    return register


def periodic_jobs():
    """Every declared periodic job whose app is loaded and, for plugins, active."""
    from cms.plugin_api.registry import belongs_to_inactive_plugin

    return [job for job in _periodic_jobs.values() if not belongs_to_inactive_plugin(job.func.__module__)]
