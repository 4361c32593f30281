"""Bulk import of narratives from JSON Lines: check each line, write in batches, index at the end.

One line is one narrative::

    {"title": "...", "summary": "...", "body": "<p>...</p> or plain text",
     "topics": ["transport"], "tags": ["tramwaje"], "unit": "WKT",
     "expires_at": "2027-06-30", "review_interval_days": 90, "status": "published"}

``title``, ``summary`` and ``body`` are required; a line states the whole narrative, so a
missing optional key means its default (no topics, no tags, no unit, no expiry, review
every 90 days, published). Unknown keys are errors, so a misspelt key never drops a
value silently. The import is idempotent on title + unit: a narrative with the same
title and unit is updated in place, and left untouched when nothing differs. An
``expires_at`` that has passed imports the position as expired (in force until then).

A published line makes the narrative live and counts as a confirmation (as publishing
in the admin does); a draft line creates a draft, or, for a live narrative, a draft
revision beside the live version. Every write gets a revision and a history entry.
Rows are written in bulk, so model signals do not fire: the importer updates the
admin's search index itself and indexes the imported narratives in Elasticsearch
once at the end (:func:`index_narratives`).
"""

import contextlib
import datetime
import html
import json
import re
import uuid
from dataclasses import dataclass, field

import nh3
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.db import models, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from elasticsearch.helpers import BulkIndexError
from taggit.models import Tag
from wagtail.models import ModelLogEntry, Revision, WorkflowState
from wagtail.search.backends import get_search_backends

from cms.core.models import Topic
from cms.narratives.models import Narrative, NarrativeTag
from cms.organisation.models import Unit
from search import connection, indexes, sync
from search.narratives import NarrativeDocument

KEYS = ("title", "body", "summary", "topics", "tags", "unit", "expires_at", "review_interval_days", "status")
DRAFT, PUBLISHED = "draft", "published"
BATCH_SIZE = 500
INDEX_CHUNK = 1000
DEFAULT_REVIEW_DAYS = Narrative._meta.get_field("review_interval_days").default
MAX_REVIEW_DAYS = 3650

#: What the rich text editor of a narrative can show (see models.RICH_TEXT_FEATURES).
HTML_TAGS = {"p", "h3", "b", "strong", "i", "em", "ol", "ul", "li", "a", "br"}
HTML_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z/!][^>]*>")
OTHER_HEADINGS = re.compile(r"<(/?)h[1-6]\b", re.IGNORECASE)
EDITOR_SPELLING = {"<strong>": "<b>", "</strong>": "</b>", "<em>": "<i>", "</em>": "</i>"}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: Fields a write sets on a row; the revision fields are set after the revisions exist.
WRITTEN_FIELDS = [
    "title",
    "body",
    "summary",
    "unit",
    "expires_at",
    "review_interval_days",
    "valid_from",
    "live",
    "expired",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "next_review_at",
    "last_verified_at",
    "last_verified_by",
    "review_notified_at",
    "review_reminded_at",
    "review_escalated_at",
    "expiry_notified_at",
    "updated_at",
    "latest_revision",
    "live_revision",
]


@dataclass(frozen=True)
class Record:
    """One checked line: the narrative as it should be."""

    title: str
    summary: str
    body: str
    topics: tuple = ()
    tags: tuple = ()
    unit: Unit | None = None
    expires_at: datetime.date | None = None
    review_interval_days: int = DEFAULT_REVIEW_DAYS
    live: bool = True

    @property
    def key(self):
        """What makes two lines the same narrative: the title and the owning unit."""
        return self.title, self.unit.pk if self.unit else None


@dataclass
class Report:
    """What an import did; ``errors`` are (line number, message), several per line possible."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)
    #: Primary keys of the narratives created or updated.
    ids: list = field(default_factory=list)
    #: Narratives now searchable in Elasticsearch, or None when indexing was skipped.
    indexed: int | None = None
    #: Why indexing was skipped, when it was.
    index_notice: str = ""

    @property
    def skipped(self):
        return len({line for line, _message in self.errors})


def sanitise_body(text):
    """Rich text the editor supports: HTML is cleaned, plain text becomes escaped paragraphs."""
    if LOOKS_LIKE_HTML.search(text):
        cleaned = nh3.clean(
            OTHER_HEADINGS.sub(r"<\1h3", text),
            tags=HTML_TAGS,
            attributes=HTML_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=None,
        )
        for spelling, editor_spelling in EDITOR_SPELLING.items():
            cleaned = cleaned.replace(spelling, editor_spelling)
        cleaned = re.sub(r"<a>(.*?)</a>", r"\1", cleaned, flags=re.DOTALL)  # links that lost their address
        return cleaned.strip()
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return "".join(
        "<p>{}</p>".format(html.escape(paragraph.strip()).replace("\n", "<br/>"))
        for paragraph in paragraphs
        if paragraph.strip()
    )


def _text(data, key, errors, max_length=None, required=True):
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append(f"{key}: " + _("required"))
        return ""
    if not isinstance(value, str):
        errors.append(f"{key}: " + _("must be text"))
        return ""
    value = value.strip()
    if max_length and len(value) > max_length:
        errors.append(
            f"{key}: "
            + _("longer than %(max)d characters (%(length)d)") % {"max": max_length, "length": len(value)}
        )
    return value


def _strings(data, key, errors, check):
    value = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        errors.append(f"{key}: " + _("must be a list of text values"))
        return ()
    items = []
    for item in (item.strip() for item in value):
        if item and item not in items:
            problem = check(item)
            if problem:
                errors.append(f"{key}: {problem}")
            items.append(item)
    return tuple(items)


def _slug_problem(slug):
    try:
        validate_unicode_slug(slug)
        valid = slug == slug.lower() and len(slug) <= Topic._meta.get_field("slug").max_length
    except ValidationError:
        valid = False
    if not valid:
        return _('"%(slug)s" is not a valid slug (lowercase letters, digits, hyphens)') % {"slug": slug}
    return None


def _tag_problem(tag):
    if len(tag) > Tag._meta.get_field("name").max_length:
        return _('"%(tag)s" is longer than %(max)d characters') % {
            "tag": tag[:40] + "…",
            "max": Tag._meta.get_field("name").max_length,
        }
    return None


def _date(data, key, errors):
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str) and DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    elif isinstance(value, str) and DATE.match(value):
        errors.append(
            f"{key}: " + _('"%(value)s" has a time; give the date only (YYYY-MM-DD)') % {"value": value}
        )
        return None
    errors.append(f"{key}: " + _('"%(value)s" is not a date (use YYYY-MM-DD)') % {"value": value})
    return None


def _review_days(data, errors):
    value = data.get("review_interval_days")
    if value is None:
        return DEFAULT_REVIEW_DAYS
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_REVIEW_DAYS:
        errors.append(
            "review_interval_days: "
            + _("must be a whole number from 1 to %(max)d (got %(value)s)")
            % {"max": MAX_REVIEW_DAYS, "value": json.dumps(value, ensure_ascii=False)}
        )
        return DEFAULT_REVIEW_DAYS
    return value


def _unit(data, units, errors):
    value = data.get("unit")
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        errors.append("unit: " + _("must be a unit code"))
        return None
    unit = units.get(value.strip().upper())
    if unit is None:
        errors.append("unit: " + _('unknown unit "%(code)s"') % {"code": value})
    return unit


def _status(data, errors):
    value = data.get("status", PUBLISHED)
    if value not in (DRAFT, PUBLISHED):
        errors.append("status: " + _('"%(value)s" is neither "draft" nor "published"') % {"value": value})
    return value != DRAFT


def validate(data, units):
    """Check one parsed line; return ``(Record, [])`` or ``(None, [error messages])``.

    ``units`` maps unit codes to units (see :func:`unit_codes`).
    """
    if not isinstance(data, dict):
        return None, [_("not a JSON object")]
    errors = []
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        errors.append(
            _("unknown keys %(keys)s (known: %(known)s)")
            % {"keys": ", ".join(f'"{key}"' for key in unknown), "known": ", ".join(KEYS)}
        )
    title = _text(data, "title", errors, Narrative._meta.get_field("title").max_length)
    summary = _text(data, "summary", errors, Narrative._meta.get_field("summary").max_length)
    body = _text(data, "body", errors)
    if body:
        body = sanitise_body(body)
        if not nh3.clean(body, tags=set()).strip():
            errors.append("body: " + _("nothing is left after removing unsupported HTML"))
    record = Record(
        title=title,
        summary=summary,
        body=body,
        topics=_strings(data, "topics", errors, _slug_problem),
        tags=_strings(data, "tags", errors, _tag_problem),
        unit=_unit(data, units, errors),
        expires_at=_date(data, "expires_at", errors),
        review_interval_days=_review_days(data, errors),
        live=_status(data, errors),
    )
    return (None, errors) if errors else (record, [])


def unit_codes():
    return {unit.code: unit for unit in Unit.objects.all()}


def parse_line(raw, units):
    """One line of text (or bytes) as ``(Record, [])``, ``(None, [errors])``, or None when blank."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, [_("not UTF-8 text (byte %(position)d)") % {"position": exc.start + 1}]
    raw = raw.lstrip("\ufeff")
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return None, [
            _("not valid JSON: %(error)s (column %(column)d)") % {"error": exc.msg, "column": exc.colno}
        ]
    return validate(data, units)


def import_lines(lines, *, dry_run=False, index=True, batch_size=BATCH_SIZE, progress=None):
    """Import JSON Lines from an iterable of lines; return a :class:`Report`.

    Valid lines are written in transactions of ``batch_size``; invalid ones are reported
    and skipped. With ``dry_run`` everything is checked and counted, then rolled back.
    With ``index`` the imported narratives are searchable when this returns (when
    Elasticsearch is configured and answers). ``progress(n)`` is called with the number
    of lines read so far after each batch.
    """
    report = Report()
    catalogue = Catalogue()
    batch, keys, read = [], set(), 0

    def flush():
        if batch:
            with transaction.atomic():
                write(batch, catalogue, report)
            batch.clear()
            keys.clear()
        if progress:
            progress(read)

    with transaction.atomic() if dry_run else contextlib.nullcontext():
        for read, raw in enumerate(lines, start=1):  # noqa: B007 - ``read`` is used by flush()
            parsed = parse_line(raw, catalogue.units)
            if parsed is None:
                continue
            record, errors = parsed
            if errors:
                report.errors.extend((read, message) for message in errors)
                continue
            if record.key in keys:  # the same narrative again: the earlier line must be written first
                flush()
            batch.append(record)
            keys.add(record.key)
            if len(batch) >= batch_size:
                flush()
        flush()
        if dry_run:
            transaction.set_rollback(True)
    if index and not dry_run:
        report.indexed, report.index_notice = index_narratives(report.ids)
    return report


def index_narratives(ids):
    """Index the published narratives among ``ids`` now; return ``(count, "")`` or ``(None, why not)``."""
    if not connection.is_configured():
        return None, _("Elasticsearch is not configured; search uses the database.")
    done = 0
    try:
        alias = indexes.ensure_index(NarrativeDocument)
        ids = sorted(ids)
        for start in range(0, len(ids), INDEX_CHUNK):
            queryset = NarrativeDocument.indexed_queryset().filter(pk__in=ids[start : start + INDEX_CHUNK])
            chunk_done = 0
            for chunk_done in sync.bulk_index(NarrativeDocument, queryset, alias):  # noqa: B007
                pass
            done += chunk_done
        connection.get_client().indices.refresh(index=alias)
    except (*connection.UNAVAILABLE, BulkIndexError) as exc:
        return None, _(
            "Elasticsearch did not take the narratives (%(error)s); indexing was skipped. "
            "Run “manage.py search_check --repair” when it is back."
        ) % {"error": exc}
    return done, ""


class Catalogue:
    """Units, topics and tags by name, read once per import; missing topics and tags are created."""

    def __init__(self):
        self.units = unit_codes()
        self._topics = {topic.slug: topic for topic in Topic.objects.all()}
        self._tags = {}

    def topics(self, slugs):
        return [self._topics.get(slug) or self._new_topic(slug) for slug in slugs]

    def _new_topic(self, slug):
        name = slug.replace("-", " ")
        name = name[:1].upper() + name[1:]
        if Topic.objects.filter(name=name).exclude(slug=slug).exists():
            name = f"{name} ({slug})"[: Topic._meta.get_field("name").max_length]
        self._topics[slug], _created = Topic.objects.get_or_create(slug=slug, defaults={"name": name})
        return self._topics[slug]

    def tag_ids(self, records):
        """Make sure every tag of ``records`` exists; return {name: id}."""
        missing = {tag for record in records for tag in record.tags} - set(self._tags)
        if missing:
            self._tags.update(Tag.objects.filter(name__in=missing).values_list("name", "pk"))
            for name in sorted(missing - set(self._tags)):
                self._tags[name] = Tag.objects.get_or_create(name=name)[0].pk
        return self._tags


def write(records, catalogue, report):
    """Create, update or leave alone the narrative of each record (keys are unique in ``records``)."""
    now = timezone.now()
    tag_ids = catalogue.tag_ids(records)
    found = _existing(records)
    new, changed, staged = [], [], []
    for record in records:
        narrative = found.get(record.key)
        if narrative is None:
            new.append((Narrative(valid_from=timezone.localdate(now)), record))
        elif _unchanged(narrative, record, catalogue, tag_ids):
            report.unchanged += 1
        elif narrative.live and not record.live:
            staged.append((narrative, record))  # a draft beside the live version, which stays
        else:
            changed.append((narrative, record))
    written = new + changed
    for narrative, record in written:
        _apply(narrative, record, now)
    Narrative.objects.bulk_create([narrative for narrative, _record in new])
    _replace_relations(written, {narrative.pk for narrative, _record in changed}, catalogue, tag_ids)
    drafts = [_draft_of(narrative, record, catalogue, tag_ids) for narrative, record in staged]
    revisions = _revisions([narrative for narrative, _record in written] + drafts, now)
    for (narrative, _record), revision in zip(written + staged, revisions, strict=True):
        narrative.latest_revision = revision
    for narrative, _record in written:
        if narrative.live:
            narrative.live_revision = narrative.latest_revision
    for narrative, _record in staged:
        narrative.has_unpublished_changes = True
    _save_revision_links([narrative for narrative, _record in new])
    for narrative, _record in changed:
        _update_row(narrative, WRITTEN_FIELDS)
    for narrative, _record in staged:
        _update_row(narrative, ["latest_revision", "has_unpublished_changes"])
    _log(new, changed + staged, now)
    _cancel_workflows([narrative for narrative, record in changed if record.live])
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Narrative, [narrative for narrative, _record in written])
    report.created += len(new)
    report.updated += len(changed) + len(staged)
    report.ids.extend(narrative.pk for narrative, _record in written + staged)


def _save_revision_links(narratives):
    """Point new rows at their first revision: two statements for the batch, not one per row."""
    ids = [narrative.pk for narrative in narratives]
    if not ids:
        return
    content_type = ContentType.objects.get_for_model(Narrative, for_concrete_model=False)
    newest = Revision.objects.filter(
        content_type=content_type, object_id=Cast(OuterRef("pk"), models.CharField())
    ).order_by("-pk")
    Narrative.objects.filter(pk__in=ids).update(latest_revision=Subquery(newest.values("pk")[:1]))
    Narrative.objects.filter(pk__in=ids, live=True).update(live_revision=F("latest_revision"))


def _update_row(narrative, fields):
    """Write ``fields`` of one existing row without save(), whose signals a bulk import avoids."""
    attnames = [Narrative._meta.get_field(name).attname for name in fields]
    Narrative.objects.filter(pk=narrative.pk).update(**{name: getattr(narrative, name) for name in attnames})


def _existing(records):
    """Narratives already there, by (title, unit id); the oldest wins if the admin made twins."""
    found = {}
    queryset = (
        Narrative.objects.filter(title__in={record.title for record in records})
        .select_related("unit")
        .prefetch_related("topics", "tagged", "sources", "related_links")
        .order_by("-pk")
    )
    for narrative in queryset:
        found[(narrative.title, narrative.unit_id)] = narrative
    return found


def _unchanged(narrative, record, catalogue, tag_ids):
    """Whether the line asks for what is there: the same content, and live if it says published."""
    if record.live and not (narrative.live and not narrative.has_unpublished_changes):
        return False
    current = narrative
    if narrative.live and narrative.has_unpublished_changes and narrative.latest_revision_id:
        current = narrative.latest_revision.as_object()  # a live narrative's pending draft
    return (
        current.title == record.title
        and current.summary == record.summary
        and current.body == record.body
        and current.unit_id == (record.unit.pk if record.unit else None)
        and current.expires_at == record.expires_at
        and current.review_interval_days == record.review_interval_days
        and {topic.pk for topic in current.topics.all()} == {t.pk for t in catalogue.topics(record.topics)}
        and {item.tag_id for item in current.tagged.all()} == {tag_ids[name] for name in record.tags}
    )


def _apply(narrative, record, now):
    """Set the record's values and the publishing state on ``narrative`` (in memory)."""
    narrative.title = record.title
    narrative.summary = record.summary
    narrative.body = record.body
    narrative.unit = record.unit
    narrative.expires_at = record.expires_at
    narrative.review_interval_days = record.review_interval_days
    if record.expires_at and record.expires_at <= narrative.valid_from:
        # An already expired position: in force until the day before it expired.
        narrative.valid_from = record.expires_at - datetime.timedelta(days=1)
    narrative.live = record.live
    narrative.has_unpublished_changes = not record.live
    narrative.updated_at = now
    if record.live:
        narrative.expired = False
        narrative.first_published_at = narrative.first_published_at or now
        narrative.last_published_at = now
        narrative.mark_verified(None, now)  # publishing counts as a confirmation


def _replace_relations(written, updated_ids, catalogue, tag_ids):
    """Store the topics and tags of written narratives and set them in memory for the revisions."""
    Through = Narrative.topics.through
    Through.objects.filter(narrative_id__in=updated_ids).delete()
    NarrativeTag.objects.filter(content_object_id__in=updated_ids).delete()
    Through.objects.bulk_create(
        Through(narrative_id=narrative.pk, topic_id=topic.pk)
        for narrative, record in written
        for topic in catalogue.topics(record.topics)
    )
    tagged = NarrativeTag.objects.bulk_create(
        NarrativeTag(content_object_id=narrative.pk, tag_id=tag_ids[name])
        for narrative, record in written
        for name in record.tags
    )
    by_narrative = {}
    for item in tagged:
        by_narrative.setdefault(item.content_object_id, []).append(item)
    for narrative, record in written:
        narrative.topics.set(catalogue.topics(record.topics))
        narrative.tagged = by_narrative.get(narrative.pk, [])
        if narrative.pk not in updated_ids:
            narrative.sources = []
            narrative.related_links = []


def _draft_of(narrative, record, catalogue, tag_ids):
    """An unsaved copy of a live narrative with the record's values, for a draft revision."""
    draft = Narrative.from_serializable_data(narrative.serializable_data())
    draft.title, draft.summary, draft.body = record.title, record.summary, record.body
    draft.unit, draft.expires_at = record.unit, record.expires_at
    draft.review_interval_days = record.review_interval_days
    draft.topics.set(catalogue.topics(record.topics))
    draft.tagged = [
        NarrativeTag(content_object_id=narrative.pk, tag_id=tag_ids[name]) for name in record.tags
    ]
    return draft


def _revisions(narratives, now):
    content_type = ContentType.objects.get_for_model(Narrative, for_concrete_model=False)
    return Revision.objects.bulk_create(
        Revision(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(narrative.pk),
            created_at=now,
            content=narrative.serializable_data(),
            object_str=str(narrative),
        )
        for narrative in narratives
    )


def _log(new, edited, now):
    """History entries: created or edited, and published for live lines, with the revision."""
    content_type = ContentType.objects.get_for_model(Narrative, for_concrete_model=False)
    entries = []
    for action, pairs in (("wagtail.create", new), ("wagtail.edit", edited)):
        for narrative, record in pairs:
            actions = [action, "wagtail.publish"] if record.live else [action]
            group = uuid.uuid4()
            entries.extend(
                ModelLogEntry(
                    content_type=content_type,
                    object_id=str(narrative.pk),
                    label=str(record.title),
                    action=name,
                    timestamp=now,
                    uuid=group,
                    revision_id=narrative.latest_revision_id,
                    content_changed=True,
                    data={},
                )
                for name in actions
            )
    ModelLogEntry.objects.bulk_create(entries)


def _cancel_workflows(published):
    """Publishing ends a workflow in progress, as it does in the admin."""
    if not published or not getattr(settings, "WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH", True):
        return
    content_type = ContentType.objects.get_for_model(Narrative, for_concrete_model=False)
    states = WorkflowState.objects.active().filter(
        base_content_type=content_type, object_id__in=[str(narrative.pk) for narrative in published]
    )
    for state in states:
        state.cancel(user=None)
