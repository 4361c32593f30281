"""Who may write, approve and confirm narratives, and the two-stage workflow for them."""

from django.db import migrations

from cms.plugin_api.migrations import (
    ADMINISTRATORS,
    COORDINATORS,
    EDITORS,
    MODERATORS,
    SUBJECT_EXPERTS,
    grant_permissions,
)

WRITE = ["narratives.add_narrative", "narratives.change_narrative", "narratives.view_narrative"]
CONFIRM = ["narratives.confirm_narrative"]
APPROVE = ["narratives.publish_narrative", "narratives.unlock_narrative", "narratives.delete_narrative"]
WAGTAIL_EXTRA = {"publish": "Can publish narrative", "lock": "Can lock narrative", "unlock": "Can unlock narrative"}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="narratives", model="narrative")
    for action, name in WAGTAIL_EXTRA.items():
        Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_narrative", defaults={"name": name}
        )
    grant_permissions(apps, EDITORS, [*WRITE, "narratives.lock_narrative"])
    grant_permissions(apps, SUBJECT_EXPERTS, [*WRITE, *CONFIRM, "narratives.lock_narrative"])
    grant_permissions(apps, COORDINATORS, [*WRITE, *CONFIRM, "narratives.lock_narrative"])
    grant_permissions(apps, MODERATORS, [*WRITE, *CONFIRM, *APPROVE, "narratives.lock_narrative"])
    grant_permissions(apps, ADMINISTRATORS, [*WRITE, *CONFIRM, *APPROVE, "narratives.lock_narrative"])


def assign_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    workflow = Workflow.objects.filter(name="Dwuetapowa akceptacja").first()
    if workflow is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="narratives", model="narrative")
    WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("narratives", "0001_initial"),
        ("organisation", "0002_press_office_groups"),
        ("komunikat_workflow", "0002_two_stage_workflow"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(assign_workflow, migrations.RunPython.noop),
    ]
