from django.db import migrations, models


class Migration(migrations.Migration):
    """Variants are per platform (their limits are); the field says so."""

    dependencies = [("editorial", "0004_narratives_used")]

    operations = [
        migrations.RemoveConstraint(model_name="socialpostvariant", name="one_variant_per_channel"),
        migrations.RenameField(model_name="socialpostvariant", old_name="channel", new_name="platform"),
        migrations.AddConstraint(
            model_name="socialpostvariant",
            constraint=models.UniqueConstraint(fields=("post", "platform"), name="one_variant_per_platform"),
        ),
    ]
