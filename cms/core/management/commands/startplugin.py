"""Write a new, working plugin package that installs with pip."""

import re
from pathlib import Path

from django.core.management.base import CommandError
from django.core.management.templates import TemplateCommand
from django.utils.translation import gettext as _

from cms import __version__

TEMPLATE = Path(__file__).resolve().parents[3] / "plugin_api" / "plugin_template"


class Command(TemplateCommand):
    help = _(
        "Create a plugin project komunikat_NAME (distribution komunikat-NAME) with its app config, "
        "one admin view and one test, installable with pip."
    )
    missing_args_message = _("Give the plugin's name, e.g. python manage.py startplugin weather")

    def add_arguments(self, parser):
        parser.add_argument("name", help=_("Short name: lower-case letters, digits and underscores."))
        parser.add_argument(
            "directory", nargs="?", default=".", help=_("Folder to create komunikat_NAME in (default: here).")
        )

    def handle(self, **options):
        label = options.pop("name")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", label):
            raise CommandError(_("Plugin names use lower-case letters, digits and underscores: %s") % label)
        target = Path(options.pop("directory")) / f"komunikat_{label}"
        if target.exists() and any(target.iterdir()):
            raise CommandError(_("%s already exists and is not empty.") % target)
        target.mkdir(parents=True, exist_ok=True)
        major, minor = (int(part) for part in __version__.split(".")[:2])
        super().handle(
            "app",
            f"komunikat_{label}",
            str(target),
            template=str(TEMPLATE),
            extensions=["py", "toml", "md", "html"],
            files=[],
            plugin_label=label,
            plugin_title=label.replace("_", " ").capitalize(),
            platform_versions=f">={major}.{minor},<{major + 1}" if major else f">={major}.{minor},<1",
            verbosity=options["verbosity"],
        )
        self.stdout.write(
            self.style.SUCCESS(_("Plugin written to %(path)s. Install it with: pip install -e %(path)s"))
            % {"path": target}
        )
