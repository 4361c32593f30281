"""``manage.py personal_data_export EMAIL [--output PATH]``: a person's data from all sources as a zip."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.personal_data.export import collect, default_filename, write_zip


class Command(BaseCommand):
    help = gettext_lazy(
        "Export everything held about the person with this e-mail address as a zip file (RODO art. 15)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help=_("The person's e-mail address (any case)."))
        parser.add_argument(
            "--output", help=_("Where to write the zip; default: personal-data-EMAIL-DATE.zip.")
        )

    def handle(self, email, output=None, **options):
        found = collect([email])
        if not found:
            raise CommandError(_("Nothing is held about %(email)s.") % {"email": email})
        path = output or default_filename(email)
        write_zip(found, path, emails=[email])
        for item in found:
            self.stdout.write(
                _("%(label)s: %(records)d record(s), %(files)d file(s)")
                % {"label": item.source.label, "records": len(item.records), "files": item.files}
            )
            if item.missing_files:
                self.stderr.write(
                    _("Missing from the archive: %(names)s") % {"names": ", ".join(item.missing_files)}
                )
        self.stdout.write(self.style.SUCCESS(_("Written to %(path)s") % {"path": path}))
