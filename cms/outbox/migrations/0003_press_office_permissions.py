"""The press office manages the channels and sees the deliveries; the head and administrators may delete channels."""

from django.db import migrations

from cms.plugin_api.migrations import ADMINISTRATORS, COORDINATORS, EDITORS, MODERATORS, grant_permissions

MANAGE = ["outbox.view_channel", "outbox.add_channel", "outbox.change_channel", "outbox.view_delivery"]


def grant(apps, schema_editor):
    for group in (EDITORS, COORDINATORS):
        grant_permissions(apps, group, MANAGE)
    for group in (MODERATORS, ADMINISTRATORS):
        grant_permissions(apps, group, [*MANAGE, "outbox.delete_channel"])


class Migration(migrations.Migration):
    dependencies = [("outbox", "0002_channels_and_attempts"), ("organisation", "0002_press_office_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
