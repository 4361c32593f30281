"""A narrative: the city's official position on a topic, with a lifetime and a review schedule."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from cms.core.models import Topic
from cms.narratives.panels import UsesPanel
from cms.narratives.status import LABELS, status_of

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class NarrativeTag(TaggedItemBase):
    content_object = ParentalKey("narratives.Narrative", on_delete=models.CASCADE, related_name="tagged")


class Narrative(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """What the press office may say about a matter, for how long, and when to check it again."""

    title = models.CharField(_("title"), max_length=255)
    body = RichTextField(
        _("position"),
        features=RICH_TEXT_FEATURES,
        help_text=_("The full position: facts, arguments, what may and may not be said."),
    )
    summary = models.TextField(
        _("short version"),
        max_length=600,
        help_text=_("Two or three sentences the press office may quote word for word."),
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="narratives")
    tags = ClusterTaggableManager(through=NarrativeTag, verbose_name=_("tags"), blank=True)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("owning unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="narratives",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_narratives",
        help_text=_("The subject expert who keeps the position true and confirms it at each review."),
    )
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    expires_at = models.DateField(
        _("expires on"),
        null=True,
        blank=True,
        help_text=_("From this day the position may no longer be quoted. Leave empty if it has no end."),
    )
    review_interval_days = models.PositiveSmallIntegerField(
        _("review every (days)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("How often the owner confirms that the position still holds."),
    )
    next_review_at = models.DateField(_("next review"), null=True, blank=True, editable=False)
    last_verified_at = models.DateTimeField(_("last confirmed"), null=True, blank=True, editable=False)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last confirmed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    expiry_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="narrative")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="narrative",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("topics"), FieldPanel("tags")], heading=_("Topics and tags")),
        MultiFieldPanel([FieldPanel("unit"), FieldPanel("owner")], heading=_("Responsibility")),
        MultiFieldPanel(
            [FieldPanel("valid_from"), FieldPanel("expires_at"), FieldPanel("review_interval_days")],
            heading=_("Lifetime and review"),
        ),
        InlinePanel("sources", heading=_("Sources"), label=_("source")),
        MultipleChooserPanel(
            "related_links",
            chooser_field_name="narrative",
            heading=_("Related narratives"),
            label=_("narrative"),
        ),
        UsesPanel(heading=_("Where it was used")),
    ]
    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("id"),
        index.FilterField("live"),
        index.FilterField("valid_from"),
        index.FilterField("expires_at"),
        index.FilterField("next_review_at"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("narrative")
        verbose_name_plural = _("narratives")
        permissions = [("confirm_narrative", _("Can confirm that a narrative is still valid"))]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    @property
    def status(self):
        return status_of(
            {
                "live": self.live,
                "valid_from": self.valid_from,
                "expires_at": self.expires_at,
                "next_review_at": self.next_review_at,
            }
        )

    @property
    def related(self):
        """Related narratives in the chosen order."""
        return [link.narrative for link in self.related_links.all()]

    def get_status_display(self):
        return LABELS[self.status]

    def get_preview_template(self, request, mode_name):
        return "narratives/narrative_preview.html"

    def get_admin_url(self):
        return reverse("wagtailsnippets_narratives_narrative:edit", args=[self.pk])

    def clean(self):
        super().clean()
        if self.expires_at and self.valid_from and self.expires_at <= self.valid_from:
            raise ValidationError(
                {"expires_at": _("The position must expire after the day it is valid from.")}
            )

    def mark_verified(self, user, when=None):
        """Record that ``user`` confirmed the position at ``when``; the next review moves on."""
        when = when or timezone.now()
        self.last_verified_at = when
        self.last_verified_by = user
        self.next_review_at = timezone.localdate(when) + datetime.timedelta(days=self.review_interval_days)
        self.review_notified_at = self.review_reminded_at = self.review_escalated_at = None
        if not self.expires_at or self.expires_at > timezone.localdate(when):
            self.expiry_notified_at = None


class NarrativeLink(Orderable):
    """One chosen narrative: the way a page or snippet relies on several, picked with a chooser."""

    narrative = models.ForeignKey(
        Narrative, verbose_name=_("narrative"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("narrative")]

    class Meta(Orderable.Meta):
        abstract = True


class RelatedNarrative(NarrativeLink):
    source = ParentalKey(Narrative, on_delete=models.CASCADE, related_name="related_links")

    class Meta(NarrativeLink.Meta):
        constraints = [
            models.UniqueConstraint(fields=["source", "narrative"], name="one_link_per_related_narrative")
        ]


class NarrativeSource(Orderable):
    """Where the position comes from: a link or a document."""

    narrative = ParentalKey(Narrative, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("link"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("document")]

    def clean(self):
        super().clean()
        if not self.url and not self.document_id:
            raise ValidationError(_("Give a link or choose a document."))

    @property
    def href(self):
        return self.document.url if self.document_id else self.url


class NarrativeUse(models.Model):
    """A place that quoted or linked a narrative: a press release, a post, an inquiry answer."""

    LINK, QUOTE = "link", "quote"

    narrative = models.ForeignKey(
        Narrative, verbose_name=_("narrative"), on_delete=models.CASCADE, related_name="uses"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("title"), max_length=255)
    url = models.CharField(_("address"), max_length=500, blank=True)
    how = models.CharField(
        _("how"), max_length=10, choices=[(LINK, _("linked")), (QUOTE, _("quoted"))], default=LINK
    )
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    used_at = models.DateTimeField(_("used"), default=timezone.now)

    class Meta:
        ordering = ["-used_at"]
        verbose_name = _("use of a narrative")
        verbose_name_plural = _("uses of narratives")
        constraints = [
            models.UniqueConstraint(
                fields=["narrative", "content_type", "object_id"], name="one_use_per_narrative_and_object"
            )
        ]

    def __str__(self):
        return f"{self.narrative} – {self.title}"
