from django.db import migrations

from cms.plugin_api.migrations import ADMINISTRATORS, grant_permissions


def grant(apps, schema_editor):
    grant_permissions(apps, ADMINISTRATORS, ["status.view_system_status"])


class Migration(migrations.Migration):
    dependencies = [("status", "0001_initial"), ("organisation", "0002_press_office_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
