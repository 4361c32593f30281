"""Keep the index in step with the database, and treat publishing as a confirmation."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import published

from cms.narratives.models import Narrative
from search.narratives import NarrativeDocument
from search.sync import schedule_sync


@receiver(published, sender=Narrative)
def confirm_on_publish(sender, instance, revision=None, **kwargs):
    """A published revision was approved just now: the position counts as confirmed."""
    instance.mark_verified(revision.user if revision else None)
    instance.save(
        update_fields=[
            "last_verified_at",
            "last_verified_by",
            "next_review_at",
            "review_notified_at",
            "review_reminded_at",
            "review_escalated_at",
            "expiry_notified_at",
        ]
    )


@receiver(post_save, sender=Narrative)
@receiver(post_delete, sender=Narrative)
def sync_index(sender, instance, **kwargs):
    schedule_sync(NarrativeDocument, instance.pk)
