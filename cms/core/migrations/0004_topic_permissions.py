from django.db import migrations

from cms.plugin_api.migrations import ADMINISTRATORS, COORDINATORS, EDITORS, MODERATORS, grant_permissions

EDIT = ["core.add_topic", "core.change_topic", "core.view_topic"]


def grant(apps, schema_editor):
    for group in (EDITORS, MODERATORS, COORDINATORS):
        grant_permissions(apps, group, EDIT)
    grant_permissions(apps, ADMINISTRATORS, [*EDIT, "core.delete_topic"])


class Migration(migrations.Migration):
    dependencies = [("core", "0003_topic"), ("organisation", "0002_press_office_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
