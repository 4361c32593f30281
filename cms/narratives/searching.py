"""Searching narratives: Elasticsearch when it answers, the database backend when it does not.

Both paths return the same shape (the search API's contract); the database path
adds ``notice`` so screens and clients can tell the user that results are
simpler (no inflection, no typo tolerance, no highlights).
"""

import logging

from django.db.models import Count
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from cms.narratives.models import Narrative
from cms.narratives.status import filter_status
from search import connection
from search import narratives as es_narratives

logger = logging.getLogger(__name__)

FACET_SIZE = es_narratives.FACET_SIZE


def search(query):
    """Results for a parsed NarrativeQuery, from Elasticsearch or, failing that, the database."""
    if connection.is_configured():
        try:
            return {**es_narratives.search(query), "backend": "elasticsearch"}
        except connection.UNAVAILABLE as exc:
            logger.warning("Narrative search falls back to the database: %s", exc)
    return database_search(query)


def autocomplete(prefix):
    if connection.is_configured():
        try:
            return es_narratives.autocomplete_titles(prefix)
        except connection.UNAVAILABLE as exc:
            logger.warning("Narrative autocomplete falls back to the database: %s", exc)
    quotable = filter_status(Narrative.objects.all(), "active") | filter_status(
        Narrative.objects.all(), "needs_review"
    )
    matches = get_search_backend().autocomplete(prefix, quotable.order_by(), fields=["title"])[:10]
    return [{"id": n.pk, "title": n.title, "url": n.get_admin_url()} for n in matches]


def database_search(query):
    narratives = filter_status(Narrative.objects.all(), query.status)
    if query.topic:
        narratives = narratives.filter(topics__slug=query.topic)
    if query.tag:
        narratives = narratives.filter(tagged__tag__name=query.tag)
    if query.unit:
        from cms.organisation.models import Unit

        narratives = narratives.filter(unit__in=Unit.objects.filter(code=query.unit).with_descendants())
    ids = list(narratives.values_list("pk", flat=True).distinct())
    hits = get_search_backend().search(query.q, Narrative.objects.filter(id__in=ids), operator="and")
    matched = [hit.pk for hit in hits]
    start = (query.page - 1) * query.page_size
    page_ids = matched[start : start + query.page_size]
    rows = Narrative.objects.filter(pk__in=page_ids).prefetch_related("topics", "tagged__tag").in_bulk()
    return {
        "count": len(matched),
        "results": [_result(rows[pk]) for pk in page_ids if pk in rows],
        "facets": _facets(matched),
        "backend": "database",
        "notice": _(
            "The search index is not available, so results come from the database: "
            "without word forms, typo tolerance or highlights."
        ),
    }


def _result(narrative):
    return {
        "id": narrative.pk,
        "title": narrative.title,
        "summary": narrative.summary,
        "topics": sorted(topic.slug for topic in narrative.topics.all()),
        "tags": sorted(item.tag.name for item in narrative.tagged.all()),
        "status": narrative.status,
        "expires_at": narrative.expires_at.isoformat() if narrative.expires_at else None,
        "next_review_at": narrative.next_review_at.isoformat() if narrative.next_review_at else None,
        "url": narrative.get_admin_url(),
        "highlight": {"title": [], "body": []},
    }


def _facets(ids):
    rows = Narrative.objects.filter(pk__in=ids)
    topics = rows.values("topics__slug").exclude(topics__slug=None).annotate(n=Count("pk")).order_by("-n")
    tags = (
        rows.values("tagged__tag__name")
        .exclude(tagged__tag__name=None)
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    return {
        "topics": {row["topics__slug"]: row["n"] for row in topics[:FACET_SIZE]},
        "tags": {row["tagged__tag__name"]: row["n"] for row in tags[:FACET_SIZE]},
    }


def suggest(text, topic_slugs=(), size=5):
    """Narratives that may be quoted on these topics, best match to ``text`` first; for drafting answers."""
    if connection.is_configured():
        try:
            return es_narratives.suggest(text, topic_slugs, size)
        except connection.UNAVAILABLE as exc:
            logger.warning("Narrative suggestions fall back to the database: %s", exc)
    quotable = filter_status(Narrative.objects.all(), "active") | filter_status(
        Narrative.objects.all(), "needs_review"
    )
    if topic_slugs:
        rows = quotable.filter(topics__slug__in=topic_slugs).distinct().order_by("-updated_at", "-pk")
    elif text.strip():
        rows = get_search_backend().search(text, quotable.order_by(), operator="or")
    else:
        return []
    return [_result(narrative) for narrative in rows[:size]]
