"""search/: the Elasticsearch connection and versioned indices behind an alias, on a real node."""

import pytest
from django.conf import settings
from django.test import override_settings

from search import connection, indexes
from search.analysis import polish_stem
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


def _tokens(client, text):
    """Tokens of the ``polish`` analyzer (search.analysis) as (token, position)."""
    body = {"tokenizer": "standard", "filter": ["lowercase", polish_stem.get_definition(), "asciifolding"]}
    tokens = client.indices.analyze(body={**body, "text": text})["tokens"]
    return [(token["token"], token["position"]) for token in tokens]


def test_polish_stemming_gives_every_form_one_stem_and_unknown_words_pass():
    client = connection.get_client()
    first = _tokens(client, "Szkołę, szkole i szkół; Gżegżółka")
    assert first == [("szkola", 0), ("szkola", 1), ("i", 2), ("szkola", 3), ("gzegzolka", 4)]
    assert _tokens(client, "Szkołę, szkole i szkół; Gżegżółka") == first  # answered from the cache now


def test_a_word_with_two_dictionary_forms_keeps_both_at_its_position():
    client = connection.get_client()
    stems = _tokens(client, "zamknięty basen")
    assert {token for token, position in stems if position == 0} == {"zamkniety", "zamknac"}
    assert [position for _, position in stems].count(1) == 1
