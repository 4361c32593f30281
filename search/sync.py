"""Keeping indices in step with the database: one row, a full rebuild, a consistency check.

Apps call :func:`schedule_sync` when a row changes; the job reads the row after
the commit and indexes it, or removes it when it no longer belongs in the index.
"""

import logging
from dataclasses import dataclass, field

from elasticsearch.helpers import streaming_bulk

from cms.jobs import enqueue
from search import indexes, registry
from search.connection import get_client, is_configured

logger = logging.getLogger(__name__)

CHUNK = 500


def schedule_sync(document_class, pk):
    """Index or remove row ``pk`` of the document's model once the transaction commits."""
    if is_configured():
        enqueue(sync_one, registry.key(document_class), pk)


def sync_one(document_key, pk):
    """Job: bring the index copy of row ``pk`` in line with the database."""
    document_class = registry.get(document_key)
    alias = indexes.ensure_index(document_class)
    obj = document_class.indexed_queryset().filter(pk=pk).first()
    if obj is None:
        get_client().options(ignore_status=404).delete(index=alias, id=str(pk), refresh=True)
        return
    document_class.build(obj).save(index=alias, using=get_client(), refresh=True)


def bulk_index(document_class, queryset, index):
    """Index every row of ``queryset`` into ``index``; yield the number done after each chunk."""
    actions = (
        {**document_class.build(obj).to_dict(include_meta=True), "_index": index}
        for obj in queryset.iterator(chunk_size=CHUNK)
    )
    done = 0
    for _ in streaming_bulk(get_client(), actions, chunk_size=CHUNK, raise_on_error=True):
        done += 1
        if done % CHUNK == 0:
            yield done
    yield done


def rebuild(document_class, progress=None):
    """Index every row into a new index, then move the alias to it; return the new index name.

    Searches keep using the old index until the swap, which is atomic.
    ``progress(done)`` is called after each chunk.
    """
    index = indexes.create_index(document_class)
    for done in bulk_index(document_class, document_class.indexed_queryset(), index):
        if progress:
            progress(done)
    get_client().indices.refresh(index=index)
    indexes.point_alias(document_class, index)
    return index


@dataclass
class Difference:
    """Rows whose index copy is missing or stale, and index entries with no row."""

    missing: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    orphaned: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.missing or self.stale or self.orphaned)


def compare(document_class):
    """Compare the database and the index for one document type."""
    alias = indexes.ensure_index(document_class)
    indexed = {
        hit.meta.id: hit.fingerprint
        for hit in document_class.search(index=alias, using=get_client()).source(["fingerprint"]).scan()
    }
    difference = Difference()
    for obj in document_class.indexed_queryset().iterator(chunk_size=CHUNK):
        expected = document_class.build(obj).fingerprint
        copy = indexed.pop(str(obj.pk), None)
        if copy is None:
            difference.missing.append(obj.pk)
        elif copy != expected:
            difference.stale.append(obj.pk)
    difference.orphaned = sorted(indexed, key=str)
    return difference


def repair(document_class, difference):
    """Index the missing and stale rows and delete the orphaned entries."""
    alias = indexes.ensure_index(document_class)
    ids = [*difference.missing, *difference.stale]
    if ids:
        queryset = document_class.indexed_queryset().filter(pk__in=ids)
        for _ in bulk_index(document_class, queryset, alias):
            pass
    client = get_client()
    for pk in difference.orphaned:
        client.options(ignore_status=404).delete(index=alias, id=pk)
    client.indices.refresh(index=alias)
