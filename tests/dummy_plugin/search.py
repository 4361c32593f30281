from django.contrib.auth.models import Group
from elasticsearch.dsl import Text

from search.documents import ModelDocument
from search.registry import register


@register
class NoteDocument(ModelDocument):
    """The test plugin indexes group names: enough rows to rebuild and check."""

    title = Text(analyzer="standard")

    model = Group

    class Index:
        name = "dummy-notes"

    @classmethod
    def indexed_queryset(cls):
        return Group.objects.all()

    @classmethod
    def fields_from(cls, obj):
        return {"title": obj.name}
