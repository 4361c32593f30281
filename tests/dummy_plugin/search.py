from elasticsearch.dsl import Document, Text

from search.registry import register


@register
class NoteDocument(Document):
    title = Text(analyzer="standard")

    class Index:
        name = "dummy-notes"
