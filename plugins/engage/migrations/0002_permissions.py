"""Who works in the engage inbox: the press office answers, units answer on their own channels.

Press office editors, moderators and coordinators see, assign, handle and answer
every item and read insights; moderators and coordinators keep the reply
templates and watch words, which editors read. Unit representatives do the same
on the channels of their units (scoped: cms.organisation.scoping); subject experts
read their units' items. Administrators keep the templates and watch words.
"""

from django.db import migrations

from cms.plugin_api.migrations import (
    ADMINISTRATORS,
    COORDINATORS,
    EDITORS,
    MODERATORS,
    REPRESENTATIVES,
    SUBJECT_EXPERTS,
    grant_permissions,
)

CRUD = ("add", "change", "delete", "view")


def _perms(actions, *models):
    return [f"engage.{action}_{model}" for model in models for action in actions]


WORK = _perms(("view", "change", "reply"), "inboxitem") + _perms(("view",), "insightsnapshot")
SETUP = ("replytemplate", "watchword")
GRANTS = {
    EDITORS: WORK + _perms(("view",), *SETUP),
    MODERATORS: WORK + _perms(CRUD, *SETUP),
    COORDINATORS: WORK + _perms(CRUD, *SETUP),
    ADMINISTRATORS: _perms(CRUD, *SETUP) + _perms(("view",), "inboxitem", "insightsnapshot"),
    REPRESENTATIVES: WORK + _perms(("view",), "replytemplate"),
    SUBJECT_EXPERTS: _perms(("view",), "inboxitem", "insightsnapshot"),
}


def grant(apps, schema_editor):
    for group, permissions in GRANTS.items():
        grant_permissions(apps, group, permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("engage", "0001_initial"),
        ("organisation", "0003_unit_representatives_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
