"""Helpers for data migrations that give the press-office groups their permissions.

Django creates permissions after all migrations ran, so a data migration that
grants them on a fresh database first creates the ones it needs. Use from a
``RunPython`` function with the historical ``apps``.
"""

from django.apps import apps as current_apps
from django.contrib.auth.management import create_permissions

#: The press-office roles, created by the core's data migration.
EDITORS = "Editors"
MODERATORS = "Moderators"
COORDINATORS = "Press office coordinators"
SUBJECT_EXPERTS = "Subject experts"
ADMINISTRATORS = "Administrators"
#: Representatives of departments, units and municipal companies: the admin, scoped to their units' cases.
REPRESENTATIVES = "Unit representatives"
GROUPS = (EDITORS, MODERATORS, COORDINATORS, SUBJECT_EXPERTS, ADMINISTRATORS, REPRESENTATIVES)


def ensure_permissions():
    """Create every installed model's permissions now rather than after ``migrate``.

    The current app registry is used on purpose: historical models of other
    apps may not carry their ``Meta.permissions`` at this point of the plan.
    """
    for app_config in current_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)


def grant_permissions(apps, group_name, permissions):
    """Give ``group_name`` the permissions named ``"app_label.codename"``; create the group if needed."""
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ensure_permissions()
    group, _ = Group.objects.get_or_create(name=group_name)
    for name in permissions:
        app_label, codename = name.split(".")
        try:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        except Permission.DoesNotExist:
            raise LookupError(f"No permission {name!r}: is its app migrated before this migration?") from None
        group.permissions.add(permission)
    return group
