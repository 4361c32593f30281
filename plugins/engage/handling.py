"""What people do with an inbox item besides replying: assign it, mark it handled or reopen it, correct
its sentiment. Each step is logged; a step that changes nothing is refused."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name
from wagtail.log_actions import log

from cms.core.refusals import Invalid, Refused
from plugins.engage import access, history
from plugins.engage.models import Sentiment


def assign(item, person, user):
    """Give ``item`` to ``person`` (None: to nobody)."""
    if person is not None and not access.assignable_people(item.channel).filter(pk=person.pk).exists():
        raise Invalid(_("%(person)s does not work in this channel's inbox.") % {"person": person})
    if item.assigned_to_id == (person.pk if person else None):
        raise Refused(_("The item already has this assignment."))
    with transaction.atomic():
        item.assigned_to = person
        item.save(update_fields=["assigned_to"])
        to = get_user_display_name(person) if person else ""
        log(instance=item, action=history.ASSIGNED, user=user, data={"to": to})


def mark_handled(item, user):
    if item.handled_at:
        raise Refused(_("The item is handled already."))
    with transaction.atomic():
        item.handled_at, item.handled_by = timezone.now(), user
        item.save(update_fields=["handled_at", "handled_by"])
        log(instance=item, action=history.HANDLED, user=user)


def reopen(item, user):
    if not item.handled_at:
        raise Refused(_("The item is open already."))
    with transaction.atomic():
        item.handled_at, item.handled_by = None, None
        item.save(update_fields=["handled_at", "handled_by"])
        log(instance=item, action=history.REOPENED, user=user)


def set_sentiment(item, value, user):
    """A person's judgement replaces the automatic guess (and is kept from then on)."""
    if value not in Sentiment.values:
        raise Invalid(_("Choose a sentiment."))
    with transaction.atomic():
        item.sentiment, item.sentiment_by = value, user
        item.save(update_fields=["sentiment", "sentiment_by"])
        log(instance=item, action=history.SENTIMENT, user=user, data={"sentiment": value})
