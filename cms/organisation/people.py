"""Who answers for a unit and who approves its texts: shared by every plugin that handles cases."""

from cms.organisation.models import Membership, MembershipRole, Unit

#: Members who approve their unit's texts (an inquiry answer, a reply to a citizen).
APPROVER_ROLES = (MembershipRole.UNIT_HEAD, MembershipRole.SUBJECT_EXPERT)


def approver_unit_ids(user):
    """Units whose texts ``user`` approves: where they are head or expert, and those below."""
    own = Membership.objects.filter(user=user, role__in=APPROVER_ROLES).values_list("unit_id", flat=True)
    if not own:
        return set()
    return set(Unit.objects.filter(pk__in=list(own)).with_descendants().values_list("pk", flat=True))


def unit_contacts(unit):
    """Who answers for ``unit`` when nobody is named: its representatives and heads (everyone, if none)."""
    members = [m for m in unit.memberships.select_related("user") if m.user.is_active]
    answering = (MembershipRole.REPRESENTATIVE, MembershipRole.UNIT_HEAD)
    contacts = [m.user for m in members if m.role in answering]
    return contacts or [m.user for m in members]


def unit_heads(unit):
    return [m.user for m in unit.memberships.select_related("user") if m.role == MembershipRole.UNIT_HEAD]
