"""The group of unit representatives: into the admin, where they see only their units' cases."""

from django.db import migrations

from cms.plugin_api.migrations import REPRESENTATIVES, grant_permissions


def create_group(apps, schema_editor):
    grant_permissions(apps, REPRESENTATIVES, ["wagtailadmin.access_admin", "organisation.view_unit"])


class Migration(migrations.Migration):
    dependencies = [("organisation", "0002_press_office_groups")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
