"""Import narratives from a JSON Lines file (one narrative per line); see cms.narratives.importer."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from cms.narratives import importer

HELP = _(
    "Import narratives from JSON Lines (PATH, or - for standard input), one narrative per line "
    "with the keys title, summary, body (HTML or plain text), topics (list of slugs, created "
    "when missing), tags, unit (code), expires_at (YYYY-MM-DD), review_interval_days and "
    "status (draft or published, default published). A line states the whole narrative: an "
    "omitted key means its default; an expires_at in the past imports an expired position. "
    "A line with an unknown key, bad JSON or a bad value is reported with its number and "
    "skipped; the other lines are imported. The import is idempotent on title + unit: an "
    "existing narrative is updated, or left alone when nothing differs. A draft line for a "
    "live narrative adds a draft revision and keeps the live version. Imported narratives "
    "are indexed for search before the command returns."
)


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("JSON Lines file, or - to read standard input."))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Check every line and count, but save nothing.")
        )

    def handle(self, *args, path, dry_run, **options):
        stream = sys.stdin.buffer if path == "-" else self._open(path)
        try:
            with tqdm(
                total=None if path == "-" else _count_lines(path),
                unit=_("lines"),
                disable=None,
                file=self.stderr._out,
            ) as bar:
                report = importer.import_lines(
                    stream, dry_run=dry_run, progress=lambda read: bar.update(read - bar.n)
                )
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
        for line, message in report.errors:
            self.stderr.write(_("line %(line)d: %(message)s") % {"line": line, "message": message})
        summary = _(
            "created %(created)d, updated %(updated)d, unchanged %(unchanged)d, skipped %(skipped)d (errors)"
        ) % {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "skipped": report.skipped,
        }
        if dry_run:
            summary = _("Dry run, nothing saved: %(summary)s") % {"summary": summary}
        imported = report.created + report.updated + report.unchanged
        if report.errors and not imported:
            raise CommandError(_("No line could be imported: %(summary)s") % {"summary": summary})
        self.stdout.write(summary)
        if report.index_notice:
            self.stderr.write(self.style.WARNING(report.index_notice))
        elif report.indexed is not None:
            self.stdout.write(_("Indexed for search: %(count)d.") % {"count": report.indexed})

    def _open(self, path):
        try:
            return open(path, "rb")  # noqa: SIM115 - closed in handle()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
            ) from exc


def _count_lines(path):
    with open(path, "rb") as file:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: file.read(1 << 20), b""))
