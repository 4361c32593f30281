"""Replies: the one place that answers an inbox item through its channel's connector.

:func:`reply` calls the platform, records a :class:`Reply` with the outcome
(the platform's own message when it refused), marks the item handled when the
reply went out, and writes both outcomes to Wagtail's log. A failed reply is
kept, so the item shows what was tried; the person's text is shown again to
retry or change.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.core.refusals import Invalid, Refused
from cms.outbox import health
from cms.outbox.connectors import ConnectorError, InvalidCredentials
from cms.outbox.models import Health
from plugins.engage import history
from plugins.engage.models import Reply, ReplyStatus


def reply(item, text, user, template=None):
    """Send ``text`` as a reply to ``item`` for ``user``; return the recorded :class:`Reply`.

    Refuses (nothing sent, nothing recorded) an empty text or a channel that is
    switched off or disconnected; records a failed Reply when the platform refuses.
    """
    text = text.strip()
    if not text:
        raise Invalid(_("Write the reply first."))
    channel = item.channel
    if not channel.active or not channel.has_connector:
        raise Refused(_("The channel %(channel)s is switched off; nothing was sent.") % {"channel": channel})
    if channel.health == Health.INVALID:
        raise Refused(
            _("The channel %(channel)s needs connecting again; nothing was sent.") % {"channel": channel}
        )
    try:
        published = channel.connector().reply(item.as_incoming(), text)
    except ConnectorError as error:
        if isinstance(error, InvalidCredentials):
            health.mark_invalid(channel, error)
        return _failed(item, text, user, template, error)
    with transaction.atomic():
        sent = Reply.objects.create(
            item=item,
            text=text,
            template=template,
            status=ReplyStatus.SENT,
            external_id=published.external_id,
            url=published.url[:500],
            by=user,
        )
        if not item.handled_at:
            item.handled_at, item.handled_by = timezone.now(), user
            item.save(update_fields=["handled_at", "handled_by"])
        log(
            instance=item, action=history.REPLIED, user=user, data={"channel": channel.name, "reply": sent.pk}
        )
    return sent


def _failed(item, text, user, template, error):
    message = str(error)  # the connector's words and the platform's own message
    with transaction.atomic():
        failed = Reply.objects.create(
            item=item, text=text, template=template, status=ReplyStatus.FAILED, error=message, by=user
        )
        log(
            instance=item, action=history.REPLY_FAILED, user=user, data={"error": message, "reply": failed.pk}
        )
    return failed
