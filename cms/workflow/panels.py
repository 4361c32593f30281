"""The dashboard panel of approval steps with their due times."""

from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_latest_str
from wagtail.models import TaskState

from cms.plugin_api.migrations import MODERATORS
from cms.workflow.escalation import open_steps


class DueTimesPanel(Component):
    """Steps the user can decide, and for the press office head every overdue step, soonest due first."""

    name = "approval_due_times"
    template_name = "workflow/escalation/due_times_panel.html"
    order = 210  # just above Wagtail's "Awaiting your review"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        now = timezone.now()
        yours = set(TaskState.objects.reviewable_by(user).values_list("pk", flat=True))
        oversees = user.is_superuser or user.groups.filter(name=MODERATORS).exists()
        finder = AdminURLFinder(user)
        rows = [
            {
                "step": step,
                "title": get_latest_str(step.object),
                "edit_url": finder.get_edit_url(step.object),
                "overdue": step.is_overdue(now),
            }
            for step in open_steps()
            if step.task_state.pk in yours or (oversees and step.is_overdue(now))
        ]
        return {"rows": rows}
