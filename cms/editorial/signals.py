"""What publishing a social post sets in motion: one outbox delivery per target channel."""

from django.utils import timezone

from cms.outbox.models import record_deliveries


def record_post_deliveries(sender, instance, revision=None, **kwargs):
    record_deliveries(instance, instance.channels, instance.planned_at or timezone.now(), revision=revision)
