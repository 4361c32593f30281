"""List every plugin found, with its version, state and any error."""

import json
from dataclasses import asdict

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cms.plugin_api.listing import plugin_rows, state_label


class Command(BaseCommand):
    help = _("List the plugins found, with version, state and errors.")

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help=_("Print JSON for other tools."))

    def handle(self, *args, **options):
        rows = plugin_rows()
        if options["json"]:
            self.stdout.write(json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write(_("No plugins found."))
            return
        widths = [max(len(getattr(r, f)) for r in rows) for f in ("key", "version", "source")]
        for row in rows:
            style = self.style.SUCCESS if row.ok else self.style.WARNING
            self.stdout.write(
                f"{row.key:<{widths[0]}}  {row.version or '-':<{widths[1]}}  "
                f"{row.source:<{widths[2]}}  " + style(state_label(row.state)) + f"  {row.name}"
            )
            for error in row.errors:
                self.stdout.write(self.style.ERROR(f"    ! {error}"))
