"""The approval step used by the two-stage workflow of pages and snippets."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

#: The workflow every press release, social post and narrative goes through.
TWO_STAGE_WORKFLOW = "Dwuetapowa akceptacja"


class ApprovalTask(AbstractGroupApprovalTask):
    """A group approval with a due time and a named deputy for escalation."""

    due_working_hours = models.PositiveSmallIntegerField(
        _("due in (working hours)"),
        default=8,
        help_text=_("How long the approvers have, counted in working hours, before the task is escalated."),
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deputy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Told together with the press office head when the task is overdue."),
    )

    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "due_working_hours", "deputy"]

    class Meta:
        verbose_name = _("approval step with a due time")
        verbose_name_plural = _("approval steps with a due time")

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve or reject; overdue steps are escalated.")
