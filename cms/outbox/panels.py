"""The "On the channels" panel of a post's edit form: where it went, when, and what a person can do about it.

One row per target channel: its delivery's state (queued, being sent,
published with a link, failed with the platform's reason, to check by a
person), time and attempts. People who may publish the post get "Send again"
on a failed delivery and the two answers to one in doubt. The panel lives
inside the page's form, so its buttons post that form to the outbox's own
URLs (``formaction``), with the form's CSRF token.
"""

from django.urls import reverse
from wagtail.admin.panels import Panel
from wagtail.models import Page

from cms.outbox.models import Delivery, DeliveryStatus

#: The URL namespace of the deliveries' admin views (``cms.outbox.views.deliveries``).
NAMESPACE = "outbox_deliveries"


def can_decide(user, obj):
    """Whether ``user`` may send a delivery of ``obj`` again or settle it: whoever may publish the post."""
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_publish()
    return user.has_perm("outbox.change_delivery")


def url_field_name(delivery):
    """The name of the "address on the platform" input of a delivery in doubt, in the post's form."""
    return f"outbox-delivery-{delivery.pk}-url"


class DeliveriesPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "outbox/deliveries/panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            deliveries = {
                delivery.channel_id: delivery
                for delivery in Delivery.objects.for_object(self.instance)
                .select_related("channel")
                .prefetch_related("attempts")
            }
            targets = getattr(self.instance, "target_channels", None)
            channels = list(targets.all()) if targets is not None else []
            channels += [d.channel for d in deliveries.values() if d.channel not in channels]
            decides = can_decide(self.request.user, self.instance)
            context["rows"] = [
                self._row(channel, deliveries.get(channel.pk), decides) for channel in channels
            ]
            return context

        @staticmethod
        def _row(channel, delivery, decides):
            if delivery is None:
                return {"channel": channel, "delivery": None}
            attempts = list(delivery.attempts.all())
            row = {
                "channel": channel,
                "delivery": delivery,
                "when": _when(delivery, attempts),
                "attempts": attempts,
            }
            if decides and delivery.status == DeliveryStatus.FAILED:
                row["retry_url"] = reverse(f"{NAMESPACE}:retry", args=[delivery.pk])
            if decides and delivery.status == DeliveryStatus.CHECK:
                row["settle_url"] = reverse(f"{NAMESPACE}:settle", args=[delivery.pk])
                row["url_field"] = url_field_name(delivery)
            return row


def _when(delivery, attempts):
    """When it was published, when it is tried next, or when it last failed."""
    if delivery.status == DeliveryStatus.PUBLISHED:
        return delivery.published_at
    if delivery.next_attempt_at:
        return delivery.next_attempt_at
    finished = [attempt.finished_at for attempt in attempts if attempt.finished_at]
    return max(finished) if finished else delivery.due_at
