"""Keeping indices in step with the database: one row, a full rebuild, a consistency check.

Apps call :func:`schedule_sync` when a row changes; the job reads the row after
the commit and indexes it, or removes it when it no longer belongs in the index.
"""

import logging
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from elasticsearch.helpers import bulk

from cms.jobs import enqueue
from search import indexes, registry
from search.connection import get_client, is_configured

logger = logging.getLogger(__name__)

CHUNK = 500
#: Bulk requests in flight at once: Elasticsearch indexes them on separate write threads,
#: while this process reads and builds the next chunk (see bench/narratives_search.py).
BULK_THREADS = 3


def schedule_sync(document_class, pk):
    """Index or remove row ``pk`` of the document's model once the transaction commits."""
    if is_configured():
        enqueue(sync_one, registry.key(document_class), pk)


def sync_one(document_key, pk):
    """Job: bring the index copy of row ``pk`` in line with the database."""
    document_class = registry.get(document_key)
    alias = indexes.ensure_index(document_class)
    chunk = next(document_class.chunks(document_class.indexed_queryset().filter(pk=pk)), None)
    if chunk is None:
        get_client().options(ignore_status=404).delete(index=alias, id=str(pk), refresh=True)
        return
    get_client().index(index=alias, id=str(pk), document=document_class.source(chunk[0]), refresh=True)


def bulk_index(document_class, queryset, index):
    """Index every row of ``queryset`` into ``index``; yield the number done after each chunk.

    Rows are read and built here, in the caller's thread (and database
    connection); up to ``BULK_THREADS`` chunks are sent at once by worker threads.
    """
    client = get_client()
    done = 0
    with ThreadPoolExecutor(BULK_THREADS, thread_name_prefix="search-bulk") as pool:
        sending = deque()
        for chunk in document_class.chunks(queryset, CHUNK):
            actions = [
                {"_index": index, "_id": str(obj.pk), "_source": document_class.source(obj)} for obj in chunk
            ]
            sending.append(pool.submit(bulk, client, actions, chunk_size=CHUNK))
            if len(sending) == BULK_THREADS:
                done += sending.popleft().result()[0]
                yield done
        while sending:
            done += sending.popleft().result()[0]
            yield done


def rebuild(document_class, progress=None):
    """Index every row into a new index, then move the alias to it; return the new index name.

    Searches keep using the old index until the swap, which is atomic. The new
    index is not refreshed while it fills, as nobody searches it yet.
    ``progress(done)`` is called after each chunk.
    """
    client = get_client()
    index = indexes.create_index(document_class)
    client.indices.put_settings(index=index, settings={"index": {"refresh_interval": "-1"}})
    for done in bulk_index(document_class, document_class.indexed_queryset(), index):
        if progress:
            progress(done)
    client.indices.put_settings(index=index, settings={"index": {"refresh_interval": None}})
    client.indices.refresh(index=index)
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
    for chunk in document_class.chunks(document_class.indexed_queryset(), CHUNK):
        for obj in chunk:
            copy = indexed.pop(str(obj.pk), None)
            if copy is None:
                difference.missing.append(obj.pk)
            elif copy != document_class.source(obj)["fingerprint"]:
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
