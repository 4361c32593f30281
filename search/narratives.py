"""Narratives in Elasticsearch: the document, the search and the autocomplete.

Results are built from the index alone (no database round trip per hit), and
status filters are dates compared with today, so a narrative leaves the
active results the day it expires without being re-indexed.
"""

import datetime
from collections import defaultdict

from django.utils import timezone
from elasticsearch.dsl import Boolean, Date, Integer, Keyword, Text
from wagtail.rich_text import get_text_for_indexing

from cms.narratives.models import Narrative, NarrativeTag
from cms.narratives.status import ACTIVE, NEEDS_REVIEW, condition, status_of
from search import indexes
from search.analysis import autocomplete, folded, polish
from search.connection import get_client
from search.documents import ModelDocument
from search.registry import register

TEXT_FIELDS = [
    "title^4",
    "title.folded^3",
    "summary^2",
    "summary.folded^1.5",
    "body",
    "body.folded^0.8",
    "topic_names",
    "tag_text",
]
#: Typos are forgiven on the folded fields only: they hold every word as written, and
#: expanding typos over the stemmed fields too made searches a third slower (bench/).
TYPO_FIELDS = ["title.folded^3", "summary.folded^1.5", "body.folded^0.8"]
FACET_SIZE = 100
#: Units above a narrative's unit read with it (the tree is shallow): no query per document.
UNIT_PATH = ("unit__parent__parent__parent",)
STATUS_DATES = ("valid_from", "expires_at", "next_review_at")


def _text(**extra):
    return Text(analyzer=polish, fields={"folded": Text(analyzer=folded)}, **extra)


@register
class NarrativeDocument(ModelDocument):
    model = Narrative

    id = Integer()
    title = Text(
        analyzer=polish,
        fields={
            "folded": Text(analyzer=folded),
            "autocomplete": Text(analyzer=autocomplete, search_analyzer=folded),
        },
    )
    summary = _text()
    body = _text(index_options="offsets")  # offsets in the postings let highlighting skip re-analysis
    topics = Keyword()
    topic_names = Text(analyzer=polish)
    tags = Keyword()
    tag_text = Text(analyzer=folded)
    unit = Keyword()
    unit_path = Keyword()
    live = Boolean()
    valid_from = Date()
    expires_at = Date()
    next_review_at = Date()
    freshness = Date()
    url = Keyword(index=False)

    class Index:
        name = "narratives"
        settings = {"number_of_shards": 1, "number_of_replicas": 0, "max_result_window": 10000}

    @classmethod
    def indexed_queryset(cls):
        """Published narratives; drafts are never searchable."""
        return Narrative.objects.filter(live=True).select_related(*UNIT_PATH).order_by("pk")

    @classmethod
    def attach(cls, rows):
        """Topics and tags of a chunk of narratives in two queries: prefetching costs more than the rest."""
        ids = [row.pk for row in rows]
        topics, tags = defaultdict(list), defaultdict(list)
        topic_links = Narrative.topics.through.objects.filter(narrative_id__in=ids).order_by("topic__slug")
        for narrative_id, slug, name in topic_links.values_list("narrative_id", "topic__slug", "topic__name"):
            topics[narrative_id].append((slug, name))
        tag_links = NarrativeTag.objects.filter(content_object_id__in=ids).order_by("tag__name")
        for narrative_id, name in tag_links.values_list("content_object_id", "tag__name"):
            tags[narrative_id].append(name)
        for row in rows:
            row.indexed_topics, row.indexed_tags = topics[row.pk], tags[row.pk]

    @classmethod
    def fields_from(cls, obj):
        topics, tags = obj.indexed_topics, obj.indexed_tags
        return {
            "id": obj.pk,
            "title": obj.title,
            "summary": obj.summary,
            "body": get_text_for_indexing(obj.body),
            "topics": [slug for slug, _ in topics],
            "topic_names": [name for _, name in topics],
            "tags": tags,
            "tag_text": tags,
            "unit": obj.unit.code if obj.unit_id else None,
            "unit_path": unit_path(obj.unit),
            "live": obj.live,
            "valid_from": obj.valid_from,
            "expires_at": obj.expires_at,
            "next_review_at": obj.next_review_at,
            "freshness": obj.last_verified_at or obj.updated_at,
            "url": obj.get_admin_url(),
        }


def unit_path(unit):
    """Codes of the unit and every unit above it, so a filter on a unit includes its sub-units."""
    codes, seen = [], set()
    while unit is not None and unit.pk not in seen:
        codes.append(unit.code)
        seen.add(unit.pk)
        unit = unit.parent
    return codes


def es_filter(tree):
    """A status condition tree (cms.narratives.status) as an Elasticsearch filter."""
    kind = tree[0]
    if kind == "and":
        return {"bool": {"filter": [es_filter(part) for part in tree[1]]}}
    if kind == "or":
        return {"bool": {"should": [es_filter(part) for part in tree[1]], "minimum_should_match": 1}}
    _, field, op, value = tree
    if op == "null":
        return {"bool": {"must_not": {"exists": {"field": field}}}}
    if op == "eq":
        return {"term": {field: value}}
    return {"range": {field: {op: value.isoformat()}}}


def _filters(query, today):
    filters = [es_filter(condition(query.status, today))]
    if query.topic:
        filters.append({"term": {"topics": query.topic}})
    if query.tag:
        filters.append({"term": {"tags": query.tag}})
    if query.unit:
        filters.append({"term": {"unit_path": query.unit}})
    return filters


def search_body(query, today):
    """The request body for ``query`` (a cms.narratives.query.NarrativeQuery).

    A narrative matches when all the words are in one field, as written or in
    another form, or with typos on the folded fields. Highlighting uses the
    words without typo tolerance: highlighting the fuzzy expansions cost twenty
    times the search itself (see bench/).
    """
    words = {"query": query.q, "fields": TEXT_FIELDS, "type": "most_fields", "operator": "and"}
    typos = {**words, "fields": TYPO_FIELDS, "fuzziness": "AUTO", "prefix_length": 1}
    return {
        "query": {
            "bool": {
                "must": {
                    "bool": {
                        "should": [{"multi_match": words}, {"multi_match": typos}],
                        "minimum_should_match": 1,
                    }
                },
                "should": [{"match_phrase": {"title": {"query": query.q, "boost": 3}}}],
                "filter": _filters(query, today),
            }
        },
        "sort": ["_score", {"freshness": {"order": "desc", "missing": "_last"}}, {"id": "desc"}],
        "from": (query.page - 1) * query.page_size,
        "size": query.page_size,
        "track_total_hits": True,
        "_source": {"excludes": ["body", "topic_names", "tag_text", "fingerprint"]},
        "highlight": {
            "highlight_query": {"multi_match": words},
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fields": {
                "title": {"number_of_fragments": 0},
                "body": {"fragment_size": 160, "number_of_fragments": 3},
            },
        },
        "aggs": {
            "topics": {"terms": {"field": "topics", "size": FACET_SIZE}},
            "tags": {"terms": {"field": "tags", "size": FACET_SIZE}},
        },
    }


def search(query):
    """Run ``query`` against the index; the response in the API's shape (see cms.narratives.api)."""
    today = timezone.localdate()
    alias = indexes.alias_name(NarrativeDocument)
    response = get_client().search(index=alias, body=search_body(query, today))
    return {
        "count": response["hits"]["total"]["value"],
        "results": [_result(hit, today) for hit in response["hits"]["hits"]],
        "facets": {
            name: {bucket["key"]: bucket["doc_count"] for bucket in response["aggregations"][name]["buckets"]}
            for name in ("topics", "tags")
        },
    }


def _result(hit, today):
    source = hit["_source"]
    highlight = hit.get("highlight", {})
    return {
        "id": source["id"],
        "title": source["title"],
        "summary": source["summary"],
        "topics": source.get("topics", []),
        "tags": source.get("tags", []),
        "status": status_of(
            {
                "live": source["live"],
                **{name: _date(source.get(name)) for name in STATUS_DATES},
            },
            today,
        ),
        "expires_at": source.get("expires_at"),
        "next_review_at": source.get("next_review_at"),
        "url": source["url"],
        "highlight": {"title": highlight.get("title", []), "body": highlight.get("body", [])},
    }


def _date(value):
    return datetime.date.fromisoformat(value[:10]) if value else None


def autocomplete_titles(prefix, limit=10):
    """Up to ``limit`` titles of quotable narratives (active or due for review) starting with ``prefix``."""
    today = timezone.localdate()
    quotable = {"bool": {"should": [es_filter(condition(s, today)) for s in ("active", "needs_review")]}}
    body = {
        "query": {
            "bool": {
                "must": {"match": {"title.autocomplete": {"query": prefix, "operator": "and"}}},
                "filter": [quotable],
            }
        },
        "sort": ["_score", {"freshness": {"order": "desc", "missing": "_last"}}],
        "size": limit,
        "_source": ["id", "title", "url"],
    }
    response = get_client().search(index=indexes.alias_name(NarrativeDocument), body=body)
    return [hit["_source"] for hit in response["hits"]["hits"]]


def suggest(text, topic_slugs, size):
    """Quotable narratives (active or needing review) on any of ``topic_slugs``, best match to ``text`` first.

    Any word of ``text`` counts (a suggestion, not a search); without topics the
    words alone decide.
    """
    today = timezone.localdate()
    quotable = {"bool": {"should": [es_filter(condition(s, today)) for s in (ACTIVE, NEEDS_REVIEW)]}}
    filters = [quotable]
    if topic_slugs:
        filters.append({"terms": {"topics": list(topic_slugs)}})
    words = {"multi_match": {"query": text, "fields": TEXT_FIELDS, "type": "most_fields", "operator": "or"}}
    body = {
        "query": {
            "bool": {"should": [words], "filter": filters, "minimum_should_match": 0 if topic_slugs else 1}
        },
        "sort": ["_score", {"freshness": {"order": "desc", "missing": "_last"}}, {"id": "desc"}],
        "size": size,
        "_source": {"excludes": ["body", "topic_names", "tag_text", "fingerprint"]},
    }
    response = get_client().search(index=indexes.alias_name(NarrativeDocument), body=body)
    return [_result(hit, today) for hit in response["hits"]["hits"]]
