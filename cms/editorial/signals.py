"""What publishing a social post sets in motion: one outbox delivery per target channel."""

from django.utils import timezone

from cms.outbox.publishing import schedule


def schedule_post_deliveries(sender, instance, revision=None, **kwargs):
    schedule(
        instance, instance.target_channels.all(), instance.planned_at or timezone.now(), revision=revision
    )
