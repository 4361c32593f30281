from django.utils import timezone

from cms.jobs import periodic
from plugins.status.models import Heartbeat

HEARTBEAT_INTERVAL = 60


@periodic(interval=HEARTBEAT_INTERVAL)
def heartbeat():
    """Proves that the scheduler enqueues and a worker runs jobs."""
    Heartbeat.objects.update_or_create(name="scheduler", defaults={"seen_at": timezone.now()})
