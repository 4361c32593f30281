"""Who works on citizen reports, and the default deadlines (for categories without their own)."""

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

# (name, target, amount, unit, remind before in working hours)
POLICIES = [
    ("Pierwsza odpowiedź: 2 dni robocze", "first_response", 2, "working_days", 4),
    ("Rozwiązanie: 14 dni roboczych", "resolution", 14, "working_days", 8),
]


def _perms(actions, *models):
    return [f"citizen_reports.{action}_{model}" for model in models for action in actions]


CRUD = ("add", "change", "delete", "view")
SETUP = ("category", "categoryquestion", "reportpolicy", "area", "routingrule", "open311key")
GRANTS = {
    MODERATORS: _perms(CRUD, "report", *SETUP) + ["citizen_reports.dispatch_report"],
    COORDINATORS: _perms(("add", "change", "view"), "report") + _perms(("view",), *SETUP)
    + ["citizen_reports.dispatch_report"],
    ADMINISTRATORS: _perms(CRUD, *SETUP) + _perms(("view",), "report"),
    EDITORS: _perms(("view",), "report"),
    SUBJECT_EXPERTS: _perms(("view", "change"), "report"),
    REPRESENTATIVES: _perms(("view", "change"), "report"),
}


def load(apps, schema_editor):
    ReportPolicy = apps.get_model("citizen_reports", "ReportPolicy")
    for name, target, amount, unit, remind in POLICIES:
        ReportPolicy.objects.get_or_create(
            name=name,
            category=None,
            defaults={"target": target, "amount": amount, "unit": unit, "remind_before_hours": remind},
        )
    for group, permissions in GRANTS.items():
        grant_permissions(apps, group, permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("citizen_reports", "0001_initial"),
        ("organisation", "0003_unit_representatives_group"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
