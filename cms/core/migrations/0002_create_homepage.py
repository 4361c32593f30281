"""Replace Wagtail's placeholder root page with Komunikat's home page."""

import uuid

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("core.HomePage")

    Page.objects.filter(content_type__app_label="wagtailcore", content_type__model="page", depth=2).delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="core")
    locale = Locale.objects.order_by("pk").first()
    homepage = HomePage.objects.create(
        title="Biuro prasowe",
        draft_title="Biuro prasowe",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
    )
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=homepage, is_default_site=True, site_name="Komunikat"
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("core.HomePage").objects.filter(depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
