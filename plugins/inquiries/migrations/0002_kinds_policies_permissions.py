"""The kinds of inquiries, the statutory response preset and the press office's permissions."""

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

KINDS = [
    ("Pytanie e-mailowe", "Pytanie dziennikarza przesłane pocztą elektroniczną."),
    ("Prośba o nagranie", "Wypowiedź do radia lub telewizji, nagranie audio albo wideo."),
    ("Prośba o wywiad", "Rozmowa z prezydentem, zastępcą lub dyrektorem wydziału."),
    ("Wniosek o informację", "Wniosek o udostępnienie informacji publicznej lub danych."),
    ("Inne", ""),
]

# (name, priority, amount, unit, remind before in working hours)
POLICIES = [
    ("Termin ustawowy: 14 dni (art. 13 ust. 1 ustawy o dostępie do informacji publicznej)", "", 14,
     "calendar_days", 16),
    ("Pilne: 4 godziny robocze", "urgent", 4, "working_hours", 1),
    ("Wysoki priorytet: 2 dni robocze", "high", 2, "working_days", 4),
]


def _perms(actions, *models):
    return [f"inquiries.{action}_{model}" for model in models for action in actions]


CRUD = ("add", "change", "delete", "view")
CASES = ("inquiry", "internalrequest")
SETUP = ("inquirykind", "responsepolicy")
GRANTS = {
    MODERATORS: _perms(CRUD, *CASES, *SETUP)
    + _perms(("view", "change"), "quarantinedmail")
    + ["inquiries.coordinate_inquiry", "inquiries.approve_answer"],
    COORDINATORS: _perms(("add", "change", "view"), *CASES)
    + _perms(("view",), *SETUP)
    + _perms(("view", "change"), "quarantinedmail")
    + ["inquiries.coordinate_inquiry"],
    EDITORS: _perms(("view",), "inquiry") + _perms(("add", "view"), "internalrequest"),
    SUBJECT_EXPERTS: _perms(("view",), "inquiry") + _perms(("add", "view"), "internalrequest"),
    REPRESENTATIVES: _perms(("view",), "inquiry") + _perms(("add", "view"), "internalrequest"),
    ADMINISTRATORS: _perms(CRUD, *SETUP) + _perms(("view",), *CASES, "quarantinedmail"),
}


def load(apps, schema_editor):
    InquiryKind = apps.get_model("inquiries", "InquiryKind")
    ResponsePolicy = apps.get_model("inquiries", "ResponsePolicy")
    for order, (name, description) in enumerate(KINDS):
        InquiryKind.objects.get_or_create(name=name, defaults={"description": description, "order": order})
    for name, priority, amount, unit, remind in POLICIES:
        ResponsePolicy.objects.get_or_create(
            name=name, defaults={"priority": priority, "amount": amount, "unit": unit, "remind_before_hours": remind}
        )
    for group, permissions in GRANTS.items():
        grant_permissions(apps, group, permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("inquiries", "0001_initial"),
        ("organisation", "0003_unit_representatives_group"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
