"""Create the press-office groups with the Wagtail and model permissions each role needs."""

from django.db import migrations

from cms.plugin_api.migrations import (
    ADMINISTRATORS,
    COORDINATORS,
    EDITORS,
    MODERATORS,
    SUBJECT_EXPERTS,
    grant_permissions,
)

ADMIN = ["wagtailadmin.access_admin"]
VIEW_UNITS = ["organisation.view_unit", "organisation.view_membership"]
MANAGE_UNITS = [
    f"organisation.{action}_{model}" for action in ("add", "change", "delete", "view") for model in ("unit", "membership")
]
MANAGE_USERS = [f"auth.{action}_{model}" for action in ("add", "change", "delete", "view") for model in ("user", "group")]
MANAGE_WAGTAIL = [
    f"wagtailcore.{action}_{model}"
    for action in ("add", "change", "delete")
    for model in ("site", "collection", "workflow", "task")
] + [f"wagtailredirects.{action}_redirect" for action in ("add", "change", "delete")]

# Page permissions on the root page and media permissions on the root collection, per group.
PAGE = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
    COORDINATORS: ["add_page", "change_page"],
    SUBJECT_EXPERTS: [],
    ADMINISTRATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
}
MEDIA = {
    EDITORS: ["add", "change", "choose"],
    MODERATORS: ["add", "change", "delete", "choose"],
    COORDINATORS: ["add", "change", "choose"],
    SUBJECT_EXPERTS: ["choose"],
    ADMINISTRATORS: ["add", "change", "delete", "choose"],
}
MODEL = {
    EDITORS: ADMIN + VIEW_UNITS,
    MODERATORS: ADMIN + VIEW_UNITS,
    COORDINATORS: ADMIN + VIEW_UNITS,
    SUBJECT_EXPERTS: ADMIN + VIEW_UNITS,
    ADMINISTRATORS: ADMIN + MANAGE_UNITS + MANAGE_USERS + MANAGE_WAGTAIL,
}


def create_groups(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    for group_name, permissions in MODEL.items():
        group = grant_permissions(apps, group_name, permissions)
        for codename in PAGE[group_name]:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        for action in MEDIA[group_name]:
            for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                permission = Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
