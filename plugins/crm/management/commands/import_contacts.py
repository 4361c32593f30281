"""Import outlets and journalists from a CSV file; see plugins.crm.importer."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from plugins.crm import importer

HELP = _(
    "Import journalists and their outlets from a CSV file with the columns %(columns)s "
    "(UTF-8, comma or semicolon delimited; several beats or tags separated by |). "
    "Idempotent on the e-mail: a journalist with the row's e-mail is updated, never duplicated. "
    "A row with an error is reported with its number (the header is row 1) and skipped; "
    "the exit status is 1 when any row failed."
) % {"columns": ", ".join(importer.COLUMNS)}


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("The CSV file."))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Check every row and count, but save nothing.")
        )

    def handle(self, *args, path, dry_run, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
            ) from exc
        try:
            rows = importer.read_rows(data)
        except importer.FileError as exc:
            raise CommandError(str(exc)) from exc
        with tqdm(total=len(rows), unit=_("rows"), disable=None, file=self.stderr._out) as bar:
            report = importer.import_rows(
                rows,
                file_name=Path(path).name,
                dry_run=dry_run,
                progress=lambda done: bar.update(done - bar.n),
            )
        for row, message in report.errors:
            self.stderr.write(_("row %(row)d: %(message)s") % {"row": row, "message": message})
        summary = report.summary()
        if dry_run:
            summary = _("Dry run, nothing saved: %(summary)s") % {"summary": summary}
        self.stdout.write(summary)
        if report.errors:
            raise CommandError(
                _("%(count)d rows skipped because of the errors above.") % {"count": len(report.errors)}
            )
