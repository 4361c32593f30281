"""Compare the database with the search indices; with --repair, put the index right."""

from django.core.management.base import BaseCommand, CommandError

from search import sync
from search.connection import UNAVAILABLE, is_configured
from search.management.commands.search_reindex import selected_documents

SHOWN = 10


class Command(BaseCommand):
    help = "Report rows missing from the index, stale copies and orphaned entries; --repair fixes them."

    def add_arguments(self, parser):
        parser.add_argument("indices", nargs="*", help="Index names (e.g. narratives); default: all.")
        parser.add_argument(
            "--repair", action="store_true", help="Index missing and stale rows and drop orphans."
        )

    def handle(self, *args, **options):
        if not is_configured():
            raise CommandError("ELASTICSEARCH_URL is not set; there is no index to check.")
        dirty = False
        for document in selected_documents(options["indices"]):
            name = document._index._name
            try:
                difference = sync.compare(document)
                if difference and options["repair"]:
                    sync.repair(document, difference)
            except UNAVAILABLE as exc:
                raise CommandError(f"Elasticsearch does not answer for {name}: {exc}") from exc
            for kind in ("missing", "stale", "orphaned"):
                ids = getattr(difference, kind)
                if ids:
                    shown = ", ".join(str(pk) for pk in ids[:SHOWN]) + (" …" if len(ids) > SHOWN else "")
                    self.stdout.write(f"{name}: {len(ids)} {kind}: {shown}")
            if not difference:
                self.stdout.write(self.style.SUCCESS(f"{name}: index matches the database."))
            elif options["repair"]:
                self.stdout.write(self.style.SUCCESS(f"{name}: repaired."))
            else:
                dirty = True
        if dirty:
            raise CommandError("The index differs from the database; run with --repair to fix it.")
