"""Documents that apps and plugins put into Elasticsearch.

A plugin's ``search.py`` calls :func:`register` for each of its document classes;
sync, reindex and consistency commands work over :func:`documents`.
"""

from search.documents import ModelDocument

_documents = {}


def key(document_class):
    return f"{document_class.__module__}.{document_class.__qualname__}"


def register(document_class):
    """Register a :class:`search.documents.ModelDocument` subclass; usable as a class decorator."""
    if not (isinstance(document_class, type) and issubclass(document_class, ModelDocument)):
        raise TypeError(
            "search.registry.register() takes a search.documents.ModelDocument subclass, "
            f"got {document_class!r}"
        )
    _documents[key(document_class)] = document_class
    return document_class


def get(name):
    """The registered document class called ``name`` (see :func:`key`)."""
    return _documents[name]


def documents():
    """Registered documents whose plugin is active."""
    from cms.plugin_api.registry import belongs_to_inactive_plugin

    return [doc for doc in _documents.values() if not belongs_to_inactive_plugin(doc.__module__)]
