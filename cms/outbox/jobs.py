"""The outbox's schedules: hand out due deliveries every minute, check channels' tokens every morning."""

from cms.jobs import enqueue, periodic
from cms.outbox import health, publishing
from cms.outbox.models import Channel


@periodic(interval=60, queue="publishing")
def publish_due():
    """Hand every due delivery (new, retrying, interrupted) to a publishing worker."""
    publishing.hand_out()


@periodic(cron="30 6 * * *")
def check_channels():
    """Ask each platform whether each active channel's token still works."""
    for pk in Channel.objects.filter(active=True).values_list("pk", flat=True):
        enqueue(check_channel, pk)


def check_channel(channel_id):
    channel = Channel.objects.filter(pk=channel_id, active=True).first()
    if channel and channel.has_connector:
        health.check(channel)
