"""Who does what on a case: coordinators, the press office head, the assigned units' experts and heads."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q

from cms.organisation.people import approver_unit_ids
from cms.organisation.scoping import can_see, is_press_office, unit_ids


def is_coordinator(user):
    """Press office coordinators and the head (the permission, so Administrators can grant it)."""
    return user.is_active and user.has_perm("inquiries.coordinate_inquiry")


def is_head(user):
    """The press office head: approves final answers (stage 2)."""
    return user.is_active and user.has_perm("inquiries.approve_answer")


def people_with(codename):
    """Active users holding the desk's permission ``codename`` (by group or directly), and superusers."""
    permission = Permission.objects.get(content_type__app_label="inquiries", codename=codename)
    holding = Q(groups__permissions=permission) | Q(user_permissions=permission) | Q(is_superuser=True)
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(pk__in=users.filter(holding).values("pk")).order_by("last_name", "first_name")


def holders(codename):
    return list(people_with(codename))


def assigned_unit_ids(inquiry):
    return {a.unit_id for a in inquiry.assignments.all()}


def works_on(user, inquiry):
    """Coordinators, and anyone the case is assigned to (a named expert or a member of an assigned unit)."""
    return is_coordinator(user) or (not is_press_office(user) and can_see(inquiry, user))


def is_unit_approver(user, inquiry):
    """Stage 1: a unit head or subject expert of an assigned unit (or of a unit above it).

    A case the press office answers without any unit is approved at stage 1 by a coordinator.
    """
    units = assigned_unit_ids(inquiry)
    if not units:
        return is_coordinator(user)
    return bool(approver_unit_ids(user) & units)


def member_of_assigned_unit(user, assignment):
    return assignment.unit_id in unit_ids(user) or assignment.experts.filter(pk=user.pk).exists()
