"""Media inquiries and the units assigned to answer them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.organisation.scoping import Scope
from plugins.inquiries.models.kinds import InquiryKind, Priority


class InquiryState(models.TextChoices):
    NEW = "new", _("new")
    ASSIGNED = "assigned", _("assigned")
    WAITING_FOR_UNIT = "waiting_for_unit", _("waiting for unit")
    ANSWER_DRAFTED = "answer_drafted", _("answer drafted")
    IN_APPROVAL_1 = "in_approval_1", _("in approval (stage 1)")
    IN_APPROVAL_2 = "in_approval_2", _("in approval (stage 2)")
    APPROVED = "approved", _("approved, ready to send")
    SENT = "sent", _("sent")
    CLOSED = "closed", _("closed")
    WITHDRAWN = "withdrawn", _("withdrawn")


#: States in which the case still waits for the press office.
OPEN_STATES = (
    InquiryState.NEW,
    InquiryState.ASSIGNED,
    InquiryState.WAITING_FOR_UNIT,
    InquiryState.ANSWER_DRAFTED,
    InquiryState.IN_APPROVAL_1,
    InquiryState.IN_APPROVAL_2,
    InquiryState.APPROVED,
)


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    PHONE = "phone", _("phone")
    IN_PERSON = "in_person", _("in person")
    SOCIAL = "social", _("social media")
    LETTER = "letter", _("letter")
    FORM = "form", _("web form")


class InquiryQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, now=None):
        return self.open().filter(due_at__lte=now or timezone.now())

    def matching(self, text):
        """Cases whose number, subject or question contain every word of ``text``."""
        cases = self
        for word in text.split():
            cases = cases.filter(
                models.Q(number__icontains=word)
                | models.Q(subject__icontains=word)
                | models.Q(question__icontains=word)
            )
        return cases

    def assigned_to(self, units):
        """Cases assigned to any of ``units`` (a unit queryset), as a semi-join so no row repeats."""
        return self.filter(pk__in=Assignment.objects.filter(unit__in=units).values("inquiry_id"))


class Inquiry(models.Model):
    """A journalist's question to the city, from arrival to the sent answer."""

    number = models.CharField(_("case number"), max_length=30, unique=True, editable=False)
    kind = models.ForeignKey(InquiryKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+")
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    subject = models.CharField(_("subject"), max_length=255)
    question = models.TextField(_("question"))
    topics = models.ManyToManyField("core.Topic", verbose_name=_("topics"), blank=True, related_name="+")
    journalist = models.ForeignKey(
        "crm.Journalist",
        verbose_name=_("journalist"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    outlet = models.ForeignKey(
        "crm.Outlet",
        verbose_name=_("outlet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    reply_to = models.EmailField(_("answer to"), blank=True, help_text=_("Where the answer is e-mailed."))
    channel = models.CharField(_("arrived by"), max_length=20, choices=Channel.choices, default=Channel.EMAIL)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    media_deadline = models.DateTimeField(
        _("journalist's deadline"),
        null=True,
        blank=True,
        help_text=_("When the journalist needs the answer."),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_inquiries",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=InquiryState.choices, default=InquiryState.NEW, db_index=True
    )
    policy = models.ForeignKey(
        "inquiries.ResponsePolicy",
        verbose_name=_("response policy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: The answer deadline: the policy's, never later than the statutory (or extended) one.
    due_at = models.DateTimeField(_("answer due"), null=True, blank=True, db_index=True)
    statutory_due_at = models.DateTimeField(_("statutory deadline"), null=True, blank=True)
    extended_due_at = models.DateTimeField(_("extended deadline"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    extension_sent_at = models.DateTimeField(_("extension notice sent at"), null=True, blank=True)
    quoted_narratives = models.ManyToManyField(
        "narratives.Narrative",
        verbose_name=_("narratives quoted"),
        blank=True,
        related_name="+",
        help_text=_("Official positions the answer relies on; recorded as their use when it is sent."),
    )
    refusal_number = models.CharField(_("refusal decision number"), max_length=100, blank=True)
    refusal_date = models.DateField(_("refusal decision date"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = InquiryQuerySet.as_manager()
    scope = Scope(units=("assignments__unit",), people=("coordinator", "assignments__experts"))

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        indexes = [
            models.Index(fields=["-received_at", "-id"], name="inquiry_list_order"),
            models.Index(fields=["state", "due_at"], name="inquiry_state_due"),
            # The SLA report reads the answers of a period.
            models.Index(fields=["answered_at"], name="inquiry_answered_at"),
        ]
        permissions = [
            ("approve_answer", _("Can approve answers to inquiries (press office head)")),
            ("coordinate_inquiry", _("Can coordinate inquiries")),
        ]

    def __str__(self):
        return f"{self.number}: {self.subject}"

    @property
    def is_open(self):
        return self.state in OPEN_STATES

    def is_overdue(self, now=None):
        return self.is_open and self.due_at is not None and self.due_at <= (now or timezone.now())


class Assignment(models.Model):
    """A unit asked to answer its part, with named experts and an internal deadline."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="inquiry_assignments",
    )
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("experts"), blank=True, related_name="inquiry_assignments"
    )
    instructions = models.TextField(_("instructions"), blank=True)
    due_at = models.DateTimeField(_("internal deadline"))
    contribution = models.TextField(_("the unit's answer"), blank=True)
    contributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contributed_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("unit assignment")
        verbose_name_plural = _("unit assignments")
        constraints = [models.UniqueConstraint(fields=["inquiry", "unit"], name="one_assignment_per_unit")]

    def __str__(self):
        return f"{self.inquiry.number} – {self.unit.code}"

    @property
    def deadline_key(self):
        return f"unit:{self.unit_id}"
