"""Documents that apps and plugins put into Elasticsearch.

A plugin's ``search.py`` calls :func:`register` for each of its document classes;
reindex and consistency commands work over :func:`documents`.
"""

from elasticsearch.dsl import Document

_documents = {}


def register(document_class):
    """Register an elasticsearch-dsl ``Document`` subclass; usable as a class decorator."""
    if not (isinstance(document_class, type) and issubclass(document_class, Document)):
        raise TypeError(
            f"search.registry.register() takes an elasticsearch.dsl.Document subclass, got {document_class!r}"
        )
    key = f"{document_class.__module__}.{document_class.__qualname__}"
    _documents[key] = document_class
    return document_class


def documents():
    """Registered documents whose plugin is active."""
    from cms.plugin_api.registry import belongs_to_inactive_plugin

    return [doc for doc in _documents.values() if not belongs_to_inactive_plugin(doc.__module__)]
