from django.db import migrations

from cms.plugin_api.migrations import ADMINISTRATORS, COORDINATORS, EDITORS, MODERATORS, grant_permissions

CONTACTS = ["outlet", "journalist", "timelineentry", "timelineattachment", "task"]
SETUP = ["customfield", "taskrule", "beatcoordinator"]
LISTS = ["distributionlist", "mailing", "mailingrecipient", "unsubscription"]


def crud(models, actions=("view", "add", "change", "delete")):
    return [f"crm.{action}_{model}" for model in models for action in actions]


def grant(apps, schema_editor):
    """The CRM is the press office's: subject experts and unit representatives get nothing here."""
    editors = crud(CONTACTS, ("view", "add", "change")) + crud(LISTS, ("view",)) + crud(SETUP, ("view",))
    grant_permissions(apps, EDITORS, editors)
    coordinators = crud(CONTACTS) + crud(LISTS) + crud(SETUP, ("view",)) + [
        "crm.merge_journalist",
        "crm.export_contacts",
    ]
    grant_permissions(apps, COORDINATORS, coordinators)
    head = coordinators + ["crm.manage_personal_data"]
    grant_permissions(apps, MODERATORS, head)
    grant_permissions(apps, ADMINISTRATORS, head + crud(SETUP))


class Migration(migrations.Migration):
    dependencies = [("crm", "0001_initial"), ("organisation", "0002_press_office_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
