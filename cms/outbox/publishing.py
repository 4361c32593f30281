"""Publishing: the one place that sends a delivery, retries it and never sends it twice.

A delivery is claimed under a row lock and marked *being sent* (its idempotency
key recorded with a started attempt) in a transaction committed **before** the
platform is called; the platform's answer is recorded after. So a delivery
found *being sent* past its time was interrupted mid-call: it is reconciled,
never blindly repeated. Either the platform drops repeated requests with the
same key (``Connector.deduplicates``), or it is asked (``find_published``), or
a person decides (status *to check*).
"""

import dataclasses
import datetime
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.jobs import enqueue
from cms.outbox import health, notices
from cms.outbox.connectors import (
    CannotTell,
    ConnectorError,
    InvalidCredentials,
    PermanentError,
    RetryableError,
)
from cms.outbox.models import AttemptOutcome, Delivery, DeliveryAttempt, DeliveryStatus

logger = logging.getLogger(__name__)

#: How long a claimed delivery may stay *being sent* before it counts as interrupted.
IN_FLIGHT = datetime.timedelta(minutes=10)
#: A delivery handed to a worker is handed out again only after this long.
HANDED_OUT_FOR = datetime.timedelta(minutes=10)
#: The back-off never waits longer than this.
MAX_BACKOFF = datetime.timedelta(hours=2)
#: Nor, when a call may have gone through, longer than this: platforms that drop repeated
#: requests remember a key for an hour (Mastodon), so the repeat must come well before.
MAX_BACKOFF_IN_DOUBT = datetime.timedelta(minutes=30)


def schedule(obj, channels, due_at, revision=None):
    """Record one delivery of ``obj`` per channel and hand out those that are due.

    A post goes to a channel once: publishing the page again updates a delivery
    that has not been tried yet, and leaves one that was tried alone.
    """
    content_type = ContentType.objects.get_for_model(obj)
    deliveries = []
    for channel in channels:
        delivery, created = Delivery.objects.get_or_create(
            content_type=content_type,
            object_id=obj.pk,
            channel=channel,
            defaults={"revision": revision, "due_at": due_at, "next_attempt_at": due_at},
        )
        if not created and delivery.status == DeliveryStatus.QUEUED and not delivery.attempt_count:
            delivery.revision, delivery.due_at, delivery.next_attempt_at = revision, due_at, due_at
            delivery.save(update_fields=["revision", "due_at", "next_attempt_at"])
        deliveries.append(delivery)
    hand_out(Delivery.objects.filter(pk__in=[d.pk for d in deliveries]))
    return deliveries


def due(now=None):
    """Deliveries whose next attempt is due: queued ones, and interrupted ones to reconcile."""
    now = now or timezone.now()
    return Delivery.objects.filter(
        status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING], next_attempt_at__lte=now
    )


def hand_out(deliveries=None, now=None):
    """Enqueue a publishing job for each due delivery not already handed to a worker; return how many."""
    now = now or timezone.now()
    candidates = due(now).filter(pk__in=deliveries.values("pk")) if deliveries is not None else due(now)
    fresh = candidates.exclude(enqueued_at__gt=now - HANDED_OUT_FOR)
    ids = list(fresh.values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=ids).update(enqueued_at=now)
    for pk in ids:
        enqueue(publish, pk, queue="publishing")
    return len(ids)


def publish(delivery_id):
    """Send one delivery if it is due (the job); return its status afterwards, or None if not taken."""
    claimed = _claim(delivery_id)
    if claimed is None:
        return None
    delivery, attempt, interrupted = claimed
    channel = delivery.channel
    try:
        connector = channel.connector()
        post = _outgoing(delivery)
    except Exception as exc:  # no connector any more, a post that cannot be rendered
        logger.exception("Delivery %s cannot be prepared", delivery.pk)
        return _failed(delivery, attempt, PermanentError(str(exc)))
    if interrupted and not connector.deduplicates:
        try:
            found = connector.find_published(post)
        except CannotTell as exc:
            return _to_check(delivery, attempt, exc)
        except ConnectorError as exc:
            return _retry(
                delivery,
                attempt,
                RetryableError(
                    exc.message,
                    platform_message=exc.platform_message,
                    maybe_done=True,
                    status_code=exc.status_code,
                ),
            )
        if found:
            return _published(delivery, attempt, found, AttemptOutcome.RECONCILED)
        _finish(attempt, AttemptOutcome.NOT_FOUND, _("Not on the platform: publishing it now."))
        attempt = DeliveryAttempt.objects.create(delivery=delivery, started_at=timezone.now())
    try:
        result = connector.publish(post)
    except RetryableError as exc:
        return _retry(delivery, attempt, exc)
    except InvalidCredentials as exc:
        health.mark_invalid(channel, exc)
        return _failed(delivery, attempt, exc)
    except PermanentError as exc:
        return _failed(delivery, attempt, exc)
    except Exception as exc:  # a connector bug: the call may have gone out, so reconcile, never repeat
        logger.exception("Connector %s failed on delivery %s", channel.platform, delivery.pk)
        return _retry(delivery, attempt, RetryableError(repr(exc), maybe_done=True))
    return _published(delivery, attempt, result, AttemptOutcome.PUBLISHED)


def retry(delivery, user):
    """A person sends a failed delivery again: queued now, with a fresh count of attempts."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.status != DeliveryStatus.FAILED:
            return False
        now = timezone.now()
        delivery.status, delivery.attempt_count, delivery.next_attempt_at = DeliveryStatus.QUEUED, 0, now
        delivery.enqueued_at, delivery.last_error = None, ""
        delivery.save(
            update_fields=["status", "attempt_count", "next_attempt_at", "enqueued_at", "last_error"]
        )
        DeliveryAttempt.objects.create(
            delivery=delivery,
            started_at=now,
            finished_at=now,
            outcome=AttemptOutcome.RETRY,
            by=user,
            message=_("Sent again by %(user)s.") % {"user": user.get_full_name() or user.get_username()},
        )
        hand_out(Delivery.objects.filter(pk=delivery.pk), now)
    return True


def settle(delivery, user, *, url="", publish_again=False):
    """A person decides a delivery in doubt: it went out (at ``url``), or it did not and goes again."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.status != DeliveryStatus.CHECK:
            return False
        now = timezone.now()
        who = user.get_full_name() or user.get_username()
        if publish_again:
            delivery.status, delivery.next_attempt_at, delivery.enqueued_at = DeliveryStatus.QUEUED, now, None
            delivery.last_error = ""
            message = _("%(user)s found the post missing on the platform: publishing it again.") % {
                "user": who
            }
        else:
            delivery.status, delivery.url, delivery.published_at = DeliveryStatus.PUBLISHED, url, now
            message = _("%(user)s found the post on the platform.") % {"user": who}
        delivery.save()
        DeliveryAttempt.objects.create(
            delivery=delivery,
            started_at=now,
            finished_at=now,
            outcome=AttemptOutcome.RECONCILED,
            message=message,
            by=user,
        )
        if publish_again:
            hand_out(Delivery.objects.filter(pk=delivery.pk), now)
    return True


# --- steps ------------------------------------------------------------------------


def _claim(delivery_id):
    """Mark the delivery *being sent* and start an attempt, committed before any platform call."""
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            due(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("channel")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return None
        interrupted = delivery.status == DeliveryStatus.SENDING
        if interrupted:
            delivery.attempts.filter(outcome=AttemptOutcome.STARTED).update(
                outcome=AttemptOutcome.UNKNOWN,
                finished_at=now,
                message=_("Interrupted before the platform's answer was recorded."),
            )
        delivery.status = DeliveryStatus.SENDING
        delivery.attempt_count += 1
        delivery.next_attempt_at = now + IN_FLIGHT
        delivery.enqueued_at = None
        delivery.save(update_fields=["status", "attempt_count", "next_attempt_at", "enqueued_at"])
        attempt = DeliveryAttempt.objects.create(delivery=delivery, started_at=now)
    return delivery, attempt, interrupted


def _outgoing(delivery):
    obj = delivery.revision.as_object() if delivery.revision else delivery.content_object
    first = delivery.attempts.order_by("started_at").values_list("started_at", flat=True).first()
    post = obj.outbox_post(delivery.channel, delivery.idempotency_key)
    return dataclasses.replace(post, first_attempt_at=first)


def _finish(attempt, outcome, message="", error=None):
    attempt.outcome, attempt.finished_at, attempt.message = outcome, timezone.now(), message
    if error is not None:
        attempt.platform_message, attempt.status_code = error.platform_message, error.status_code
    attempt.save()


def _published(delivery, attempt, result, outcome):
    with transaction.atomic():
        _finish(attempt, outcome)
        delivery.status, delivery.external_id, delivery.url = (
            DeliveryStatus.PUBLISHED,
            result.external_id,
            result.url,
        )
        delivery.published_at, delivery.next_attempt_at, delivery.last_error = timezone.now(), None, ""
        delivery.save()
    return delivery.status


def _retry(delivery, attempt, error):
    if delivery.attempt_count >= settings.OUTBOX_MAX_ATTEMPTS:
        if error.maybe_done:
            return _to_check(delivery, attempt, error)
        return _failed(delivery, attempt, error, gave_up=True)
    wait = datetime.timedelta(seconds=settings.OUTBOX_RETRY_SECONDS * 2 ** (delivery.attempt_count - 1))
    if error.retry_after:
        wait = max(wait, datetime.timedelta(seconds=error.retry_after))
    wait = min(wait, MAX_BACKOFF_IN_DOUBT if error.maybe_done else MAX_BACKOFF)
    with transaction.atomic():
        _finish(
            attempt,
            AttemptOutcome.RETRY if not error.maybe_done else AttemptOutcome.UNKNOWN,
            str(error),
            error,
        )
        # In doubt, the delivery stays "being sent": its next attempt reconciles first.
        delivery.status = DeliveryStatus.SENDING if error.maybe_done else DeliveryStatus.QUEUED
        delivery.next_attempt_at, delivery.last_error = timezone.now() + wait, str(error)
        delivery.save(update_fields=["status", "next_attempt_at", "last_error"])
    return delivery.status


def _failed(delivery, attempt, error, gave_up=False):
    message = str(error)
    if gave_up:
        message = _("Gave up after %(count)d attempts. %(error)s") % {
            "count": delivery.attempt_count,
            "error": error,
        }
    with transaction.atomic():
        _finish(attempt, AttemptOutcome.FAILED, message, error)
        delivery.status, delivery.next_attempt_at, delivery.last_error = DeliveryStatus.FAILED, None, message
        delivery.save(update_fields=["status", "next_attempt_at", "last_error"])
        notices.delivery_failed(delivery)
    return delivery.status


def _to_check(delivery, attempt, error):
    message = _("It is not known whether the post went out: check the channel and settle it. %(error)s") % {
        "error": error
    }
    with transaction.atomic():
        _finish(attempt, AttemptOutcome.UNKNOWN, message, error)
        delivery.status, delivery.next_attempt_at, delivery.last_error = DeliveryStatus.CHECK, None, message
        delivery.save(update_fields=["status", "next_attempt_at", "last_error"])
        notices.delivery_failed(delivery)
    return delivery.status
