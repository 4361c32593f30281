"""The content calendar's entries: press releases and social posts placed on dates by their state.

A page is on the calendar once for its publication: on the approved go-live time
when it is scheduled, on its first publication when it is live, else on its
latest revision (draft or in moderation). A social post with a planned time is
on the calendar a second time, then, as "planned on channels".
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision, WorkflowState, get_default_page_content_type

from cms.editorial.models import PressReleasePage, SocialPostPage


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_MODERATION = "in_moderation", _("In moderation")
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Published")
    PLANNED = "planned", _("Planned on channels")


PUBLICATION = "publication"
CHANNELS_KIND = "channels"


@dataclass(frozen=True)
class Entry:
    page: Page
    kind: str
    status: Status
    at: datetime

    @property
    def uid(self):
        """Stable for the page and kind, so calendar apps update the event instead of adding one."""
        return f"{self.kind}-{self.page.pk}"

    @property
    def title(self):
        return self.page.get_admin_display_title()

    @property
    def status_label(self):
        return Status(self.status).label

    @property
    def type_label(self):
        return self.page._meta.verbose_name

    @property
    def channel_labels(self):
        if not hasattr(self.page, "target_channels"):
            return []
        return [channel.name for channel in self.page.target_channels.all()]

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])


@dataclass(frozen=True)
class Filters:
    """What the calendar is narrowed to; ``units`` is a unit with its sub-units."""

    channel: models.Model | None = None
    units: models.QuerySet | None = None
    author: AbstractBaseUser | None = None

    @property
    def active(self):
        return bool(self.channel or self.units is not None or self.author)


def entries(start, end, filters=Filters()):
    """Entries dated in [start, end), earliest first: one query per page type."""
    found = []
    page_types = [SocialPostPage] if filters.channel else [PressReleasePage, SocialPostPage]
    for model in page_types:
        for page in _pages(model, start, end, filters):
            found.extend(_entries_of(page, start, end))
    return sorted(found, key=lambda entry: (entry.at, entry.title.casefold(), entry.kind))


def _pages(model, start, end, filters):
    pk_text = Cast(OuterRef("pk"), output_field=CharField())
    scheduled = Revision.page_revisions.filter(object_id=pk_text, approved_go_live_at__isnull=False)
    in_moderation = WorkflowState.objects.filter(
        base_content_type=get_default_page_content_type(),
        object_id=pk_text,
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    pages = (
        model.objects.filter(alias_of__isnull=True)
        .annotate(
            calendar_scheduled_at=Subquery(scheduled.values("approved_go_live_at")[:1]),
            calendar_in_moderation=Exists(in_moderation),
        )
        .annotate(
            calendar_published_at=Case(
                When(calendar_scheduled_at__isnull=False, then=F("calendar_scheduled_at")),
                When(
                    live=True,
                    then=Coalesce("first_published_at", "last_published_at", "latest_revision_created_at"),
                ),
                default=F("latest_revision_created_at"),
            )
        )
        .select_related("owner", "unit")
    )
    in_range = Q(calendar_published_at__gte=start, calendar_published_at__lt=end)
    if model is SocialPostPage:
        in_range |= Q(planned_at__gte=start, planned_at__lt=end)
        pages = pages.prefetch_related("target_channels")
    pages = pages.filter(in_range)
    if filters.channel:
        pages = pages.filter(target_channels=filters.channel)
    if filters.units is not None:
        pages = pages.filter(unit__in=filters.units)
    if filters.author:
        pages = pages.filter(owner=filters.author)
    return pages


def _status(page):
    if page.calendar_scheduled_at:
        return Status.SCHEDULED
    if page.live:
        return Status.LIVE
    if page.calendar_in_moderation:
        return Status.IN_MODERATION
    return Status.DRAFT


def _entries_of(page, start, end):
    published_at = page.calendar_published_at
    if published_at and start <= published_at < end:
        yield Entry(page, PUBLICATION, _status(page), published_at)
    planned_at = getattr(page, "planned_at", None)
    if planned_at and start <= planned_at < end:
        yield Entry(page, CHANNELS_KIND, Status.PLANNED, planned_at)
