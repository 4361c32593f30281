"""Re-verification: who is told that a narrative's review is due, when, and what confirming does.

The daily :func:`sweep` walks three steps for each narrative whose review date
has come: the owner is told; after ``KOMUNIKAT_NARRATIVE_REMINDER_DAYS`` days
without a confirmation the owner is reminded; after as many days again the unit
head and the press office (Moderators and coordinators) are told. Each step
happens once and is stamped on the narrative. Confirming or publishing a new
version (:meth:`Narrative.mark_verified`) resets the steps. Narratives that
expired are announced once to their owner and to the people who recently used them.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

from cms.narratives import usage
from cms.narratives.models import Narrative
from cms.narratives.status import EXPIRED, NEEDS_REVIEW, filter_status
from cms.notifications import notify
from cms.organisation.models import MembershipRole
from cms.plugin_api.migrations import COORDINATORS, MODERATORS

logger = logging.getLogger(__name__)

CONFIRM = "komunikat.narratives.confirm"
ESCALATE = "komunikat.narratives.review_escalated"
TEMPLATE = "narratives/notifications/review"


def confirm_url(narrative):
    return reverse("narratives_confirm", args=[narrative.pk])


def can_confirm(user, narrative):
    """The owner, or anyone the press office lets confirm narratives."""
    return narrative.owner_id == user.pk or user.has_perm("narratives.confirm_narrative")


def confirm(narrative, user, when=None):
    """``user`` says the position still holds: record it, move the next review on, log it."""
    narrative.mark_verified(user, when)
    narrative.save(
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
    log(narrative, CONFIRM, user=user, data={"next_review_at": narrative.next_review_at.isoformat()})


def press_office():
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(groups__name__in=[MODERATORS, COORDINATORS]).distinct()


def unit_heads(narrative):
    if not narrative.unit_id:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            unit_memberships__unit_id=narrative.unit_id,
            unit_memberships__role=MembershipRole.UNIT_HEAD,
        )
        .distinct()
    )


def owners(narrative):
    """The owner, or the unit head and the press office when nobody owns it."""
    if narrative.owner_id and narrative.owner.is_active:
        return [narrative.owner]
    return [*unit_heads(narrative), *press_office()]


def _tell(people, narrative, step):
    notify(
        people,
        kind=f"narratives.review.{step}",
        template=TEMPLATE,
        context={"narrative": narrative, "step": step, "confirm_url": confirm_url(narrative)},
        url=confirm_url(narrative),
    )


def sweep(now=None):
    """Tell, remind and escalate due reviews and announce expiries; return how many of each."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    wait = datetime.timedelta(days=settings.KOMUNIKAT_NARRATIVE_REMINDER_DAYS)
    due = filter_status(Narrative.objects.select_related("owner", "unit"), NEEDS_REVIEW, today)
    done = {"told": 0, "reminded": 0, "escalated": 0, "expired": 0}

    for narrative in due.filter(review_notified_at__isnull=True):
        _tell(owners(narrative), narrative, "due")
        Narrative.objects.filter(pk=narrative.pk).update(review_notified_at=now)
        done["told"] += 1
    for narrative in due.filter(review_notified_at__lte=now - wait, review_reminded_at__isnull=True):
        _tell(owners(narrative), narrative, "reminder")
        Narrative.objects.filter(pk=narrative.pk).update(review_reminded_at=now)
        done["reminded"] += 1
    for narrative in due.filter(review_reminded_at__lte=now - wait, review_escalated_at__isnull=True):
        people = [*unit_heads(narrative), *press_office()]
        _tell(people, narrative, "escalated")
        Narrative.objects.filter(pk=narrative.pk).update(review_escalated_at=now)
        log(narrative, ESCALATE, data={"notified": sorted({person.get_username() for person in people})})
        done["escalated"] += 1

    expired = filter_status(Narrative.objects.select_related("owner", "unit"), EXPIRED, today)
    for narrative in expired.filter(expiry_notified_at__isnull=True):
        _tell(owners(narrative), narrative, "expired")
        usage.tell_recent_users(narrative, "expired")
        Narrative.objects.filter(pk=narrative.pk).update(expiry_notified_at=now)
        done["expired"] += 1
    logger.info("Narrative review sweep: %s", done)
    return done


def expiring_soon(today=None):
    """Live narratives that expire within ``KOMUNIKAT_NARRATIVE_EXPIRY_WARNING_DAYS`` days, soonest first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.KOMUNIKAT_NARRATIVE_EXPIRY_WARNING_DAYS)
    return (
        Narrative.objects.filter(live=True, expires_at__gt=today, expires_at__lte=horizon)
        .select_related("owner", "unit")
        .order_by("expires_at", "title")
    )


def to_confirm(user, today=None):
    """Due narratives ``user`` is asked about: owned ones; escalated ones for heads and the press office."""
    due = filter_status(Narrative.objects.select_related("owner", "unit"), NEEDS_REVIEW, today)
    mine = Q(owner=user)
    if user.is_superuser or user.groups.filter(name__in=[MODERATORS, COORDINATORS]).exists():
        mine |= Q(review_escalated_at__isnull=False) | Q(owner__isnull=True)
    heads_of = user.unit_memberships.filter(role=MembershipRole.UNIT_HEAD).values("unit")
    mine |= Q(unit__in=heads_of, review_escalated_at__isnull=False)
    return due.filter(mine).order_by("next_review_at", "title")


class ConfirmFormatter(LogFormatter):
    label = _("Confirm narrative is still valid")

    def format_message(self, log_entry):
        return _("Confirmed as still valid; next review on %(date)s") % {
            "date": log_entry.data.get("next_review_at", "?")
        }


class EscalateFormatter(LogFormatter):
    label = _("Escalate overdue narrative review")

    def format_message(self, log_entry):
        return _("Review overdue; told %(people)s") % {
            "people": ", ".join(log_entry.data.get("notified", []))
        }
