"""Who is told when publishing goes wrong: the post's people for a delivery, the owner unit for a channel."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.notifications.service import GENERIC, notify
from cms.organisation.people import unit_contacts


def delivery_failed(delivery):
    """Tell the post's owner and whoever published it that a delivery failed or needs checking."""
    obj = delivery.content_object
    people = [getattr(obj, "owner", None)]
    if delivery.revision_id:
        people.append(delivery.revision.user)
    edit_url = reverse("wagtailadmin_pages:edit", args=[obj.pk]) if isinstance(obj, Page) else ""
    notify(
        [person for person in people if person],
        kind="outbox.delivery_failed",
        template=GENERIC,
        context={
            "subject": _("“%(title)s” did not go out to %(channel)s")
            % {"title": str(obj), "channel": delivery.channel.name},
            "message": delivery.last_error,
        },
        url=edit_url,
    )


def channel_unhealthy(channel):
    """Tell the contacts of the channel's owner unit that it needs connecting again."""
    notify(
        unit_contacts(channel.owner_unit),
        kind="outbox.channel_unhealthy",
        template=GENERIC,
        context={
            "subject": _("Channel %(channel)s needs attention: %(health)s")
            % {"channel": channel.name, "health": channel.get_health_display()},
            "message": channel.health_message,
        },
        url=reverse("outbox_channels:edit", args=[channel.pk]),
    )
