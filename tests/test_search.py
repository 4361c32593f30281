"""search/: the Elasticsearch connection and versioned indices behind an alias, on a real node."""

import pytest
from django.conf import settings
from django.test import override_settings

from search import connection, indexes
from tests.dummy_plugin.search import NoteDocument


def _drop_note_indices(client):
    names = list(client.indices.get(index=f"{indexes.alias_name(NoteDocument)}-*").body)
    if names:
        client.indices.delete(index=",".join(names))


@pytest.fixture
def clean_index():
    client = connection.get_client()
    _drop_note_indices(client)
    yield client
    _drop_note_indices(client)


def test_server_is_elasticsearch_8():
    info = connection.server_info()
    assert info["version"].startswith("8.")
    assert info["status"] in ("green", "yellow")


@override_settings(ELASTICSEARCH_URL=None)
def test_not_configured_means_no_server():
    assert not connection.is_configured()
    assert connection.server_info() is None


def test_document_is_indexed_and_found_through_the_alias(clean_index):
    alias = indexes.ensure_index(NoteDocument)
    assert alias == f"{settings.ELASTICSEARCH_INDEX_PREFIX}-dummy-notes"
    NoteDocument(title="Nowa linia tramwajowa na Zielone Wzgórza").save(index=alias, refresh=True)
    hits = NoteDocument.search(index=alias).query("match", title="tramwajowa").execute()
    assert [hit.title for hit in hits] == ["Nowa linia tramwajowa na Zielone Wzgórza"]


def test_rebuild_moves_the_alias_and_drops_the_old_index(clean_index):
    alias = indexes.ensure_index(NoteDocument)
    (old,) = indexes.current_indices(NoteDocument)
    new = indexes.create_index(NoteDocument)
    NoteDocument(title="Budżet obywatelski").save(index=new, refresh=True)
    indexes.point_alias(NoteDocument, new)
    assert indexes.current_indices(NoteDocument) == [new]
    assert not clean_index.indices.exists(index=old)
    assert NoteDocument.search(index=alias).count() == 1
