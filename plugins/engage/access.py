"""Who sees and works on what: the press office everything, a unit's people their units' channels."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q

from cms.organisation.models import Unit
from cms.organisation.scoping import PRESS_OFFICE_GROUPS, is_press_office, scoped, unit_ids
from cms.outbox.models import Channel, Delivery
from cms.plugin_api.migrations import COORDINATORS, EDITORS, MODERATORS
from plugins.engage.models import InboxItem

VIEW = "engage.view_inboxitem"
CHANGE = "engage.change_inboxitem"
REPLY = "engage.reply_inboxitem"
INSIGHTS = "engage.view_insightsnapshot"
#: Who hears of keyword alerts: the press office's working groups (administrators run the system).
ALERTED_GROUPS = (EDITORS, MODERATORS, COORDINATORS)


def items_for(user):
    """The inbox items ``user`` may see."""
    if not user.has_perm(VIEW):
        return InboxItem.objects.none()
    return scoped(InboxItem.objects.all(), user)


def channels_for(user):
    """The channels whose inbox and insights ``user`` may see: all for the press office, else their units'."""
    if is_press_office(user):
        return Channel.objects.all()
    return Channel.objects.filter(owner_unit_id__in=unit_ids(user))


def deliveries_for(user):
    if not user.has_perm(INSIGHTS):
        return Delivery.objects.none()
    return Delivery.objects.filter(channel__in=channels_for(user))


def alerted_people():
    """The press office members told of keyword alerts."""
    users = get_user_model().objects.filter(is_active=True, groups__name__in=ALERTED_GROUPS)
    return users.distinct().order_by("pk")


def _holding(users, codename):
    permission = Permission.objects.get(content_type__app_label="engage", codename=codename)
    return users.filter(
        Q(is_superuser=True) | Q(groups__permissions=permission) | Q(user_permissions=permission)
    ).distinct()


def assignable_people(channel):
    """Who an item of ``channel`` may be given to: the press office, and the people of the channel's unit,
    of the units above it and of those below it who work in the inbox (an item given to someone of a unit
    below is theirs to see from then on: ``InboxItem.scope``)."""
    owner = channel.owner_unit
    below = Unit.objects.filter(pk=owner.pk).with_descendants().values_list("pk", flat=True)
    units = {*below, *(unit.pk for unit in owner.ancestors())}
    press = Q(is_superuser=True) | Q(groups__name__in=PRESS_OFFICE_GROUPS)
    users = get_user_model().objects.filter(press | Q(unit_memberships__unit_id__in=units), is_active=True)
    return _holding(users, "change_inboxitem").order_by("last_name", "first_name", "username")
