"""The inbox: comments and messages from the channels, the replies sent to them, and where each
channel's inbox was last read (the cursor)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.organisation.scoping import Scope
from cms.outbox.connectors import IncomingItem, ItemKind
from plugins.engage import sentiment


class Kind(models.TextChoices):
    COMMENT = ItemKind.COMMENT.value, _("comment")
    MESSAGE = ItemKind.MESSAGE.value, _("private message")


class Sentiment(models.TextChoices):
    POSITIVE = sentiment.Sentiment.POSITIVE, _("positive")
    NEUTRAL = sentiment.Sentiment.NEUTRAL, _("neutral")
    NEGATIVE = sentiment.Sentiment.NEGATIVE, _("negative")


class ItemState(models.TextChoices):
    OPEN = "open", _("open")
    HANDLED = "handled", _("handled")


class InboxItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(handled_at__isnull=True)

    def handled(self):
        return self.filter(handled_at__isnull=False)

    def alerting(self):
        return self.exclude(keywords=[])

    def matching(self, query):
        query = query.strip()
        if not query:
            return self
        return self.filter(Q(text__icontains=query) | Q(author_name__icontains=query))


class InboxItem(models.Model):
    """A comment under a post or a private message, as a channel's platform gave it."""

    channel = models.ForeignKey(
        "outbox.Channel", verbose_name=_("channel"), on_delete=models.CASCADE, related_name="inbox_items"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    external_id = models.CharField(_("id on the platform"), max_length=255)
    delivery = models.ForeignKey(
        "outbox.Delivery",
        verbose_name=_("post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inbox_items",
        help_text=_("Our post the comment is under, when it is one of ours."),
    )
    post_external_id = models.CharField(_("id of the post on the platform"), max_length=255, blank=True)
    thread_id = models.CharField(_("conversation"), max_length=255, blank=True)
    author_name = models.CharField(_("author"), max_length=255, blank=True)
    author_id = models.CharField(_("author's id on the platform"), max_length=255, blank=True)
    text = models.TextField(_("text"), blank=True)
    url = models.URLField(_("address on the platform"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("written"), help_text=_("When the author wrote it, by the platform."))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="engage_items",
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sentiment = models.CharField(
        _("sentiment"), max_length=10, choices=Sentiment.choices, default=Sentiment.NEUTRAL
    )
    sentiment_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sentiment set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty while the sentiment is the automatic guess."),
    )
    keywords = models.JSONField(_("watch words found"), default=list, blank=True)
    alerted_at = models.DateTimeField(_("press office alerted"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    objects = InboxItemQuerySet.as_manager()

    # A unit's people see the items of their units' channels; anyone sees what is assigned to them.
    scope = Scope(units=("channel__owner_unit",), people=("assigned_to",))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("inbox item")
        verbose_name_plural = _("inbox items")
        constraints = [
            models.UniqueConstraint(fields=["channel", "external_id"], name="engage_one_item_per_external_id")
        ]
        indexes = [
            models.Index(fields=["-created_at"], name="engage_item_newest"),
            models.Index(fields=["handled_at", "-created_at"], name="engage_item_state"),
        ]
        permissions = [("reply_inboxitem", _("Can reply to inbox items on the platforms"))]

    def __str__(self):
        return f"{self.author_name or '?'}: {self.text[:60]}"

    @property
    def state(self):
        return ItemState.HANDLED if self.handled_at else ItemState.OPEN

    def get_state_display(self):
        return ItemState(self.state).label

    @property
    def post(self):
        """The page of our post the comment is under, or None."""
        return self.delivery.content_object if self.delivery_id else None

    def as_incoming(self):
        """The item as the connector gave it, to hand back to it (replies)."""
        return IncomingItem(
            kind=ItemKind(self.kind),
            external_id=self.external_id,
            text=self.text,
            created_at=self.created_at,
            author_name=self.author_name,
            author_id=self.author_id,
            post_external_id=self.post_external_id,
            thread_id=self.thread_id,
            url=self.url,
        )


class ReplyStatus(models.TextChoices):
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Reply(models.Model):
    """One reply to an item through the channel's connector, and what the platform said."""

    item = models.ForeignKey(
        InboxItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="replies"
    )
    text = models.TextField(_("text"))
    template = models.ForeignKey(
        "engage.ReplyTemplate",
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
    )
    status = models.CharField(_("status"), max_length=10, choices=ReplyStatus.choices)
    error = models.TextField(_("platform's message"), blank=True)
    external_id = models.CharField(_("id on the platform"), max_length=255, blank=True)
    url = models.URLField(_("address on the platform"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self):
        return f"{self.get_status_display()}: {self.text[:60]}"


class InboxCursor(models.Model):
    """Where a channel's comments or messages were read up to, and when to read them again."""

    channel = models.ForeignKey(
        "outbox.Channel", verbose_name=_("channel"), on_delete=models.CASCADE, related_name="inbox_cursors"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    cursor = models.TextField(_("cursor"), blank=True, help_text=_("The platform's position, as it gave it."))
    polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    next_poll_at = models.DateTimeField(_("next poll"), null=True, blank=True)
    failures = models.PositiveSmallIntegerField(_("failed polls in a row"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("inbox cursor")
        verbose_name_plural = _("inbox cursors")
        constraints = [models.UniqueConstraint(fields=["channel", "kind"], name="engage_one_cursor_per_kind")]

    def __str__(self):
        return f"{self.channel} {self.kind}: {self.cursor or '—'}"
