"""Who does what on a citizen report: dispatchers, the responsible unit's people, its approvers."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q

from cms.organisation.people import approver_unit_ids
from cms.organisation.scoping import can_see, is_press_office

DISPATCH = "citizen_reports.dispatch_report"


def is_dispatcher(user):
    """Dispatchers route, reassign, merge and reject any report (a permission, granted by group)."""
    return bool(user and user.is_active and user.has_perm(DISPATCH))


def handles(user, report):
    """Dispatchers, and the people of the responsible unit (or the named handler)."""
    if user is None or not user.is_authenticated:
        return False
    return is_dispatcher(user) or (not is_press_office(user) and can_see(report, user))


def is_reply_approver(user, report):
    """A subject expert or head of the responsible unit (or of a unit above it); a dispatcher without one."""
    if report.unit_id is None:
        return is_dispatcher(user)
    return report.unit_id in approver_unit_ids(user)


def dispatchers():
    """Active people holding the dispatch permission (by group or directly), superusers aside."""
    permission = Permission.objects.get(content_type__app_label="citizen_reports", codename="dispatch_report")
    users = get_user_model().objects.filter(is_active=True)
    return list(users.filter(Q(groups__permissions=permission) | Q(user_permissions=permission)).distinct())
