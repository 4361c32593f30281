"""manage.py publish_due [--dry-run]: send every due delivery now, in this process, for operations.

The same publisher the workers run (``cms.outbox.publishing.publish``), once per
due delivery; what a worker holds at the moment is skipped, never sent twice.
"""

from collections import Counter

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from cms.outbox import publishing
from cms.outbox.models import DeliveryStatus


class Command(BaseCommand):
    help = _(
        "Publish every due delivery (new, retrying, interrupted) once, now, in this process, and "
        "print how many were published, will be retried, failed or need checking by a person."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("List what is due; send nothing."))

    def handle(self, *args, dry_run, **options):
        due = publishing.due().select_related("channel", "content_type").order_by("next_attempt_at", "pk")
        if dry_run:
            self._list(due)
            return
        results = Counter()
        ids = list(due.values_list("pk", flat=True))
        for pk in tqdm(ids, unit=_("deliveries"), disable=None, file=self.stderr._out):
            results[publishing.publish(pk)] += 1
        self.stdout.write(
            _(
                "published %(published)d, will retry %(retry)d, failed %(failed)d, to check %(check)d, "
                "taken by a worker %(taken)d"
            )
            % {
                "published": results[DeliveryStatus.PUBLISHED],
                # In doubt, a delivery stays "being sent" until its next attempt reconciles it.
                "retry": results[DeliveryStatus.QUEUED] + results[DeliveryStatus.SENDING],
                "failed": results[DeliveryStatus.FAILED],
                "check": results[DeliveryStatus.CHECK],
                "taken": results[None],
            }
        )

    def _list(self, due):
        deliveries = list(due)
        for delivery in deliveries:
            self.stdout.write(
                _("%(id)s  %(due)s  %(channel)s  %(status)s  “%(post)s”, attempts: %(attempts)d")
                % {
                    "id": delivery.pk,
                    "due": timezone.localtime(delivery.next_attempt_at).strftime("%Y-%m-%d %H:%M"),
                    "channel": delivery.channel.name,
                    "status": delivery.get_status_display(),
                    "post": delivery.content_object or f"{delivery.content_type.name} {delivery.object_id}",
                    "attempts": delivery.attempt_count,
                }
            )
        self.stdout.write(_("Due now: %(count)d (dry run, nothing sent).") % {"count": len(deliveries)})
