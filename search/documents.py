"""The base of every document built from a database row.

A subclass names its ``model``, the rows that belong in the index
(:meth:`indexed_queryset`) and how one row becomes fields (:meth:`fields_from`).
Sync, rebuild and the consistency check (search.sync) work on any subclass, and
read rows through :meth:`ModelDocument.chunks`, so a subclass may fetch what
its rows relate to once per chunk (:meth:`attach`) instead of once per row.
"""

import hashlib
import json
from itertools import islice

from elasticsearch.dsl import Document, Keyword


class ModelDocument(Document):
    fingerprint = Keyword(index=False)

    #: The Django model whose rows this document mirrors; set by subclasses.
    model = None

    @classmethod
    def indexed_queryset(cls):
        """Rows that belong in the index, ready for :meth:`fields_from` (prefetch here)."""
        raise NotImplementedError(f"{cls.__name__} must say which rows it indexes.")

    @classmethod
    def fields_from(cls, obj):
        """The document's fields for ``obj`` as plain JSON values."""
        raise NotImplementedError(f"{cls.__name__} must say how a row becomes a document.")

    @classmethod
    def attach(cls, rows):
        """Give a chunk of rows what :meth:`fields_from` reads beyond them (optional).

        For relations too costly to prefetch row by row: read them for the whole
        chunk in one query each and set them as attributes of the rows.
        """

    @classmethod
    def chunks(cls, queryset, size=500):
        """The rows of ``queryset`` in lists of ``size``, each made ready by :meth:`attach`."""
        rows = queryset.iterator(chunk_size=size)
        while chunk := list(islice(rows, size)):
            cls.attach(chunk)
            yield chunk

    @classmethod
    def source(cls, obj):
        """The fields stored for ``obj``, with a fingerprint of them to spot stale copies."""
        fields = cls.fields_from(obj)
        fields["fingerprint"] = fingerprint(fields)
        return fields


def fingerprint(fields):
    """A short hash of a document's fields (without its own fingerprint)."""
    payload = json.dumps({k: v for k, v in fields.items() if k != "fingerprint"}, sort_keys=True, default=str)
    return hashlib.blake2b(payload.encode(), digest_size=12).hexdigest()
