from django.core.cache import cache

from cms.jobs import periodic


def record(key, value):
    """A job with a visible effect: the worker writes to the shared cache (Redis)."""
    cache.set(f"dummy:{key}", value, 300)


@periodic(cron="*/5 * * * *", queue="notifications")
def every_five_minutes():
    record("periodic", "ran")
