"""Create the two-stage approval workflow and make it the one for every page."""

from django.db import migrations

WORKFLOW = "Dwuetapowa akceptacja"
STEPS = [
    ("Akceptacja merytoryczna (ekspert)", "Subject experts"),
    ("Akceptacja kierownika biura prasowego", "Moderators"),
]


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    ApprovalTask = apps.get_model("komunikat_workflow.ApprovalTask")

    content_type, _ = ContentType.objects.get_or_create(app_label="komunikat_workflow", model="approvaltask")
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW)
    for order, (name, group_name) in enumerate(STEPS):
        task = ApprovalTask.objects.create(name=name, content_type=content_type, due_working_hours=8)
        task.groups.set([Group.objects.get(name=group_name)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    root = Page.objects.get(depth=1)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    Workflow.objects.exclude(pk=workflow.pk).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("komunikat_workflow", "0001_initial"),
        ("organisation", "0002_press_office_groups"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
