"""Press releases, social posts and the press room that lists them."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.models import Topic
from cms.core.slugs import AsciiSlugMixin
from cms.editorial.blocks import PressReleaseBody
from cms.editorial.guidelines import (
    GuidelinesFormMixin,
    post_errors,
    post_variant_errors,
    release_errors,
)
from cms.editorial.outgoing import outgoing_post
from cms.editorial.visibility import publicly_visible, under_embargo
from cms.narratives.models import NarrativeLink
from cms.outbox.limits import variant_problems
from cms.outbox.models import Channel
from cms.outbox.panels import DeliveriesPanel
from cms.outbox.registry import platform_choices


class ReliesOnNarratives:
    """A page that names the narratives it relies on (its ``narrative_links``)."""

    @property
    def narratives(self):
        return [link.narrative for link in self.narrative_links.all()]


def narrative_links_panel():
    return MultipleChooserPanel(
        "narrative_links",
        chooser_field_name="narrative",
        heading=_("Narratives used"),
        label=_("narrative"),
        help_text=_(
            "The city's positions this text relies on. Links and quotes in the text are found on their own; "
            "when a position changes or expires, whoever wrote this is told."
        ),
    )


def responsible_unit_field():
    return models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The unit whose matter this is; the content calendar filters by it."),
    )


class PressRoomIndexPage(AsciiSlugMixin, RoutablePageMixin, Page):
    """The press room: live press releases, newest first, by topic, with feeds."""

    intro = models.CharField(_("intro"), max_length=300, blank=True)
    per_page = 10

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["editorial.PressReleasePage", "editorial.SocialPostPage"]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("press room")
        verbose_name_plural = _("press rooms")

    def releases(self, topic=None):
        releases = publicly_visible(PressReleasePage.objects.child_of(self)).order_by("-first_published_at")
        if topic:
            releases = releases.filter(topics__slug=topic)
        return releases.select_related("listing_image").prefetch_related("topics")

    @path("")
    def index(self, request):
        topic = request.GET.get("topic") or None
        page = Paginator(self.releases(topic), self.per_page).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={"releases": page, "topics": Topic.objects.all(), "current_topic": topic},
        )

    @path("rss/", name="rss")
    def rss(self, request):
        from cms.editorial.feeds import PressReleaseRss

        return PressReleaseRss(self)(request)

    @path("atom/", name="atom")
    def atom(self, request):
        from cms.editorial.feeds import PressReleaseAtom

        return PressReleaseAtom(self)(request)

    @path("json/", name="json")
    def json(self, request):
        from cms.editorial.feeds import json_feed

        return json_feed(self, request)


class PressReleaseTag(TaggedItemBase):
    content_object = ParentalKey(
        "editorial.PressReleasePage", on_delete=models.CASCADE, related_name="tagged"
    )


class PressReleaseForm(GuidelinesFormMixin, WagtailAdminPageForm):
    guideline_checks = {None: release_errors}

    def clean_embargo_until(self):
        value = self.cleaned_data.get("embargo_until")
        unchanged = self.instance.pk and value == self.instance.embargo_until
        if value and value <= timezone.now() and not unchanged:
            raise ValidationError(_("The embargo must end in the future."))
        return value


class PressReleasePage(ReliesOnNarratives, AsciiSlugMixin, Page):
    """A press release: served nowhere before its embargo ends."""

    lead = models.TextField(_("lead"), max_length=600, help_text=_("One or two sentences: the news itself."))
    body = StreamField(PressReleaseBody(), verbose_name=_("body"), blank=True)
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    listing_image_alt = models.CharField(_("listing image alternative text"), max_length=250, blank=True)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = responsible_unit_field()
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_("Until then the release is not shown on the site, in feeds or in the API."),
    )
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="press_releases"
    )
    tags = ClusterTaggableManager(through=PressReleaseTag, verbose_name=_("tags"), blank=True)

    base_form_class = PressReleaseForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("listing_image"), FieldPanel("listing_image_alt")], heading=_("Listing image")
        ),
        FieldPanel("contact_person"),
        FieldPanel("unit"),
        FieldPanel("embargo_until"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        narrative_links_panel(),
    ]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    api_fields = [
        APIField("lead"),
        APIField("body"),
        APIField("listing_image", serializer=ImageRenditionField("fill-1200x630")),
        APIField("listing_image_alt"),
        APIField("embargo_until"),
        APIField("topic_slugs"),
        APIField("tag_names"),
    ]
    parent_page_types = ["editorial.PressRoomIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")

    @property
    def topic_slugs(self):
        return [topic.slug for topic in self.topics.all()]

    @property
    def tag_names(self):
        return sorted(tag.name for tag in self.tags.all())

    def clean(self):
        super().clean()
        if self.listing_image_id and not self.listing_image_alt:
            raise ValidationError(
                {"listing_image_alt": _("Describe the image for people using a screen reader.")}
            )

    def serve(self, request, *args, **kwargs):
        if under_embargo(self):
            raise Http404
        return super().serve(request, *args, **kwargs)


class SocialPostForm(GuidelinesFormMixin, WagtailAdminPageForm):
    guideline_checks = {None: post_errors, "variants": post_variant_errors}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Channels a post may target now, and those it already targets even if switched off since.
        chosen = [channel.pk for channel in self.instance.target_channels.all()]
        self.fields["target_channels"].queryset = Channel.objects.filter(
            Q(pk__in=Channel.objects.usable().values("pk")) | Q(pk__in=chosen)
        )


class SocialPostPage(ReliesOnNarratives, AsciiSlugMixin, Page):
    """A post for social channels: one text, optional per-channel variants, images, a link."""

    text = models.TextField(_("text"))
    link = models.URLField(_("link"), blank=True)
    target_channels = ParentalManyToManyField(
        "outbox.Channel",
        verbose_name=_("target channels"),
        blank=True,
        related_name="+",
        help_text=_("The accounts the post goes out to once it is published and its planned time comes."),
    )
    unit = responsible_unit_field()
    planned_at = models.DateTimeField(
        _("planned publication on channels"),
        null=True,
        blank=True,
        help_text=_("When the post goes out to the channels; not before the page goes live."),
    )

    base_form_class = SocialPostForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("text"),
        FieldPanel("link"),
        FieldPanel("target_channels", widget=forms.CheckboxSelectMultiple),
        FieldPanel("unit"),
        narrative_links_panel(),
        InlinePanel("media", heading=_("Images"), label=_("image")),
        InlinePanel("variants", heading=_("Channel variants"), label=_("variant")),
        # Where the post went out: per channel state, links, reasons, and "send again".
        DeliveriesPanel(heading=_("On the channels")),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("planned_at")]
    search_fields = [*Page.search_fields, index.SearchField("text")]
    api_fields = [
        APIField("text"),
        APIField("link"),
        APIField("channels"),
        APIField("planned_at"),
        APIField("media"),
        APIField("variants"),
    ]
    parent_page_types = ["editorial.PressRoomIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("social post")
        verbose_name_plural = _("social posts")

    @property
    def channels(self):
        """Platform keys of the target channels, for API readers (``channels``)."""
        return sorted({channel.platform for channel in self.target_channels.all()})

    def text_for(self, platform):
        variant = next((v for v in self.variants.all() if v.platform == platform), None)
        return variant.text if variant else self.text

    def channel_problems(self):
        """Why the post cannot go to its target channels: field name -> messages."""
        errors = {}
        media_count = len(self.media.all())
        for platform in self.channels:
            problems = variant_problems(platform, self.text_for(platform), media_count, self.link)
            if problems:
                errors.setdefault("text", []).extend(problems)
        stray = sorted({variant.platform for variant in self.variants.all()} - set(self.channels))
        if stray:
            errors["target_channels"] = _(
                "There are variants for platforms the post does not target: %(platforms)s."
            ) % {"platforms": ", ".join(stray)}
        return errors

    def approval_problems(self):
        """Checked again when an approver approves: limits hold at approval, not only at saving."""
        return [message for messages in self.channel_problems().values() for message in messages]

    def outbox_post(self, channel, idempotency_key):
        """The variant of this post for ``channel``, as its connector receives it."""
        return outgoing_post(self, channel, idempotency_key)

    def clean(self):
        super().clean()
        errors = self.channel_problems()
        if self.planned_at and self.go_live_at and self.planned_at < self.go_live_at:
            errors["planned_at"] = _("The planned time is before the page goes live.")
        if errors:
            raise ValidationError(errors)


class SocialPostMedia(Orderable):
    post = ParentalKey(SocialPostPage, on_delete=models.CASCADE, related_name="media")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people using a screen reader."),
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]
    api_fields = [APIField("image", serializer=ImageRenditionField("max-1200x1200")), APIField("alt_text")]


class SocialPostVariant(Orderable):
    post = ParentalKey(SocialPostPage, on_delete=models.CASCADE, related_name="variants")
    platform = models.CharField(_("platform"), max_length=40, choices=platform_choices)
    text = models.TextField(_("text"))

    panels = [FieldPanel("platform"), FieldPanel("text")]
    api_fields = [APIField("platform"), APIField("text")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["post", "platform"], name="one_variant_per_platform")]


class PressReleaseNarrative(NarrativeLink):
    page = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="narrative_links")


class SocialPostNarrative(NarrativeLink):
    page = ParentalKey(SocialPostPage, on_delete=models.CASCADE, related_name="narrative_links")
