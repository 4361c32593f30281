"""Rebuild search indices into new ones and swap the aliases: searches never go without an index."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import registry, sync
from search.connection import UNAVAILABLE, is_configured


def selected_documents(names):
    """Registered documents, or those whose index name is in ``names``."""
    documents = registry.documents()
    if not names:
        return documents
    known = {doc._index._name: doc for doc in documents}
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise CommandError(f"Unknown index {', '.join(unknown)}; known: {', '.join(sorted(known))}.")
    return [known[name] for name in names]


class Command(BaseCommand):
    help = "Rebuild the Elasticsearch indices into new ones and move the aliases to them."

    def add_arguments(self, parser):
        parser.add_argument("indices", nargs="*", help="Index names (e.g. narratives); default: all.")

    def handle(self, *args, **options):
        if not is_configured():
            raise CommandError("ELASTICSEARCH_URL is not set; there is no index to rebuild.")
        for document in selected_documents(options["indices"]):
            total = document.indexed_queryset().count()
            with tqdm(
                total=total, desc=document._index._name, unit="doc", disable=None, file=self.stderr._out
            ) as bar:

                def progress(done, bar=bar):
                    bar.update(done - bar.n)

                try:
                    index = sync.rebuild(document, progress)
                except UNAVAILABLE as exc:
                    name = document._index._name
                    raise CommandError(f"Elasticsearch refused the rebuild of {name}: {exc}") from exc
            self.stdout.write(f"{document._index._name}: {total} documents in {index}, alias moved.")
