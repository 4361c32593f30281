"""Internal requests ("zlecenia wewnętrzne") between units and the press office."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.core.storage import private_storage
from cms.organisation.scoping import Scope


class RequestKind(models.TextChoices):
    INFORMATION = "information", _("information for units")
    CORRECTION = "correction", _("correction of information in public")
    PUBLICATION = "publication", _("request to publish a communication")


class RequestState(models.TextChoices):
    NEW = "new", _("new")
    IN_PROGRESS = "in_progress", _("in progress")
    ACCEPTED = "accepted", _("accepted, in the editorial workflow")
    DONE = "done", _("done")
    REJECTED = "rejected", _("rejected")


OPEN_REQUEST_STATES = (RequestState.NEW, RequestState.IN_PROGRESS, RequestState.ACCEPTED)


class InternalRequestQuerySet(models.QuerySet):
    def matching(self, text):
        """Requests whose number, title or text contain every word of ``text``."""
        requests = self
        for word in text.split():
            requests = requests.filter(
                models.Q(number__icontains=word)
                | models.Q(title__icontains=word)
                | models.Q(body__icontains=word)
            )
        return requests

    def concerning(self, units):
        """Requests from or to any of ``units`` (a unit queryset), each once."""
        addressed = RequestUnit.objects.filter(unit__in=units).values("request_id")
        return self.filter(models.Q(from_unit__in=units) | models.Q(pk__in=addressed))


class InternalRequest(models.Model):
    number = models.CharField(_("number"), max_length=30, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("details"))
    source_url = models.URLField(
        _("where it circulates"),
        max_length=500,
        blank=True,
        help_text=_("For a correction: the article or post with the information to correct."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("requesting unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_internal_requests",
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.NEW
    )
    correction_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("correcting revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page revision that publishes the correction."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The corrected page, or the draft created from this request."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = InternalRequestQuerySet.as_manager()
    scope = Scope(units=("from_unit", "targets__unit"), people=("requested_by", "assignee"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("internal request")
        verbose_name_plural = _("internal requests")

    def __str__(self):
        return f"{self.number}: {self.title}"

    @property
    def is_open(self):
        return self.state in OPEN_REQUEST_STATES


class RequestUnit(models.Model):
    """A unit a request is addressed to, and its acknowledgement."""

    request = models.ForeignKey(InternalRequest, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["unit__name"]
        constraints = [models.UniqueConstraint(fields=["request", "unit"], name="one_target_per_unit")]

    def __str__(self):
        return f"{self.request.number} – {self.unit.code}"


class RequestMessage(models.Model):
    request = models.ForeignKey(InternalRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("message"))
    file = models.FileField(
        _("attachment"),
        upload_to="inquiries/requests/%Y/%m/",
        storage=private_storage,
        max_length=255,
        blank=True,
    )
    file_name = models.CharField(_("attachment name"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    scope = Scope(
        units=("request__from_unit", "request__targets__unit"),
        people=("request__requested_by", "request__assignee"),
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]
