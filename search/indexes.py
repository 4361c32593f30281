"""Versioned indices behind an alias, so a rebuild never leaves searchers without an index.

A document's ``Index.name`` is its logical name; the alias is that name with the
configured prefix (``ELASTICSEARCH_INDEX_PREFIX``), and each build writes to a new
concrete index ``<alias>-<timestamp>`` before the alias moves to it.
"""

from django.conf import settings
from django.utils import timezone
from elasticsearch import NotFoundError

from search.connection import get_client


def alias_name(document_class):
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{document_class._index._name}"


def create_index(document_class):
    """Create a new concrete index with the document's mapping and settings; return its name."""
    name = f"{alias_name(document_class)}-{timezone.now():%Y%m%d%H%M%S%f}"
    document_class._index.clone(name).create(using=get_client())
    return name


def current_indices(document_class):
    """Concrete indices the alias points to now."""
    try:
        return sorted(get_client().indices.get_alias(name=alias_name(document_class)).body)
    except NotFoundError:
        return []


def point_alias(document_class, index):
    """Move the alias to ``index`` in one atomic call and delete the indices it left."""
    alias = alias_name(document_class)
    old = current_indices(document_class)
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": index, "alias": alias, "is_write_index": True}})
    client = get_client()
    client.indices.update_aliases(actions=actions)
    for name in old:
        if name != index:
            client.indices.delete(index=name)


def ensure_index(document_class):
    """Make sure the alias exists, creating a first index if needed; return the alias."""
    if not current_indices(document_class):
        point_alias(document_class, create_index(document_class))
    return alias_name(document_class)
