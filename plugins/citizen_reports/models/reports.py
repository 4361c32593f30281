"""Citizens' reports, their photos and the timeline of what happened to them."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core.storage import private_storage
from cms.organisation.scoping import Scope
from plugins.citizen_reports.models.categories import Area, Category


class ReportState(models.TextChoices):
    RECEIVED = "received", _("received")
    VERIFIED = "verified", _("verified")
    ASSIGNED = "assigned", _("assigned")
    IN_PROGRESS = "in_progress", _("in progress")
    RESOLVED = "resolved", _("resolved")
    REJECTED = "rejected", _("rejected")
    DUPLICATE = "duplicate", _("duplicate")


OPEN_STATES = (ReportState.RECEIVED, ReportState.VERIFIED, ReportState.ASSIGNED, ReportState.IN_PROGRESS)


class Source(models.TextChoices):
    FORM = "form", _("public form")
    OPEN311 = "open311", _("Open311 application")
    PHONE = "phone", _("phone")
    EMAIL = "email", _("e-mail")
    IN_PERSON = "in_person", _("in person")


def new_token():
    return secrets.token_urlsafe(24)


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def unrouted(self):
        """The dispatcher queue: open reports no unit is responsible for yet."""
        return self.open().filter(unit__isnull=True)

    def overdue(self, now=None):
        return self.open().filter(due_at__lte=now or timezone.now())

    def matching(self, text):
        """Reports whose number, description or address contain every word of ``text``."""
        reports = self
        for word in text.split():
            reports = reports.filter(
                models.Q(number__icontains=word)
                | models.Q(description__icontains=word)
                | models.Q(address__icontains=word)
            )
        return reports


class Report(models.Model):
    """A citizen's report of a problem, from submission to resolution."""

    number = models.CharField(_("case number"), max_length=30, unique=True, editable=False)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="reports"
    )
    description = models.TextField(_("description"))
    address = models.CharField(_("address or place"), max_length=255, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: Answers to the category's extra questions, by question code.
    attributes = models.JSONField(_("answers to the category's questions"), default=dict, blank=True)
    media_url = models.URLField(_("photo address (Open311)"), max_length=500, blank=True)

    # The reporter: personal data, never shown outside the admin.
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_at = models.DateTimeField(_("information clause accepted at"), null=True, blank=True)

    source = models.CharField(_("came from"), max_length=20, choices=Source.choices, default=Source.FORM)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("report page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    api_key = models.ForeignKey(
        "citizen_reports.Open311Key",
        verbose_name=_("Open311 application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    #: The private status link's secret: whoever holds it sees the report's status page.
    status_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    #: Open311's public token, for ``GET tokens/{token}``; reveals nothing but the request id.
    open311_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.RECEIVED, db_index=True
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="citizen_reports",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_reports",
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )

    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    #: The expected date: when the report should be resolved (the resolution deadline).
    due_at = models.DateTimeField(_("resolution due"), null=True, blank=True, db_index=True)
    first_response_due_at = models.DateTimeField(_("first response due"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ReportQuerySet.as_manager()
    scope = Scope(units=("unit",), people=("handler",))

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("citizen report")
        verbose_name_plural = _("citizen reports")
        indexes = [
            models.Index(fields=["-received_at", "-id"], name="report_list_order"),
            models.Index(fields=["state", "due_at"], name="report_state_due"),
            models.Index(fields=["category", "received_at"], name="report_category_received"),
            models.Index(fields=["resolved_at"], name="report_resolved_at"),
        ]
        permissions = [
            ("dispatch_report", _("Can dispatch citizen reports (route, reassign, merge)")),
        ]

    def __str__(self):
        return f"{self.number}: {self.category}"

    @property
    def is_open(self):
        return self.state in OPEN_STATES

    def is_overdue(self, now=None):
        return self.is_open and self.due_at is not None and self.due_at <= (now or timezone.now())

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def reporter_name(self):
        return " ".join(part for part in (self.first_name, self.last_name) if part)


class UpdateKind(models.TextChoices):
    NOTE = "note", _("internal note")
    PUBLIC = "public", _("public update")
    CITIZEN = "citizen", _("from the citizen")
    STATE = "state", _("state change")
    ROUTING = "routing", _("routing")
    REPLY = "reply", _("reply sent")


#: Kinds the citizen sees on the status page (with the approved replies).
PUBLIC_KINDS = (UpdateKind.PUBLIC, UpdateKind.CITIZEN, UpdateKind.STATE, UpdateKind.REPLY)


class ReportUpdate(models.Model):
    """One entry of a report's timeline: a note, a public update, the citizen's addition, a step."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(_("kind"), max_length=20, choices=UpdateKind.choices)
    text = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: For state changes: the state entered (the status page shows its public label).
    state = models.CharField(_("state"), max_length=20, choices=ReportState.choices, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report update")
        verbose_name_plural = _("report updates")
        indexes = [models.Index(fields=["report", "created_at"], name="report_update_timeline")]

    def __str__(self):
        return f"{self.report.number}: {self.get_kind_display()}"

    @property
    def is_public(self):
        return self.kind in PUBLIC_KINDS


class ReportPhoto(models.Model):
    """A photo of a report, stored without its EXIF and other metadata."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    update = models.ForeignKey(
        ReportUpdate, null=True, blank=True, on_delete=models.SET_NULL, related_name="photos"
    )
    file = models.FileField(
        _("file"), upload_to="citizen_reports/%Y/%m/", storage=private_storage, max_length=255
    )
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    size = models.PositiveIntegerField(_("size"), default=0)
    from_citizen = models.BooleanField(_("from the citizen"), default=True)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")

    def __str__(self):
        return self.name
