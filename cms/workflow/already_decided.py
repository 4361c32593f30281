"""A clear notice instead of an error when someone acts on an approval step that is already decided.

Two experts may open the same step; when the second one approves or requests
changes after the first did, Wagtail answers "permission denied". These thin
wrappers of Wagtail's page workflow action views answer with a notice naming who
decided and when (a warning message after a redirect, or the action dialog's
content), and change nothing. Their URLs are mounted in cms/urls.py ahead of
Wagtail's admin, on the very paths of ``wagtailadmin_pages:workflow_action``
and ``wagtailadmin_pages:collect_workflow_action_data``.
"""

from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.auth import require_admin_access
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.utils import get_user_display_name, get_valid_next_url_from_request
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page, TaskState


def notice(task_state):
    """What to tell someone acting on ``task_state`` after it was decided."""
    decided_by = task_state.finished_by
    values = {
        "task": task_state.task.name,
        # Translators: stands in for the name of the person who decided, when their account is gone.
        "user": get_user_display_name(decided_by) if decided_by else _("someone"),
        "when": formats.date_format(timezone.localtime(task_state.finished_at), "DATETIME_FORMAT"),
    }
    if task_state.status == TaskState.STATUS_APPROVED:
        message = _("Step “%(task)s” was already approved by %(user)s on %(when)s; nothing was changed.")
    elif task_state.status == TaskState.STATUS_REJECTED:
        message = _(
            "Changes at step “%(task)s” were already requested by %(user)s on %(when)s; nothing was changed."
        )
    else:
        message = _(
            "Step “%(task)s” was closed on %(when)s and awaits nobody's decision; nothing was changed."
        )
    return message % values


def guarded(view_name):
    """Wagtail's page view ``view_name``, unless the step was decided meanwhile by someone else."""
    wagtail_view = page_viewset_registry.as_view(view_name, page_id_kwarg="page_id")

    @require_admin_access
    def view(request, page_id, action_name, task_state_id):
        page = get_object_or_404(Page, pk=page_id).specific_deferred
        decided = TaskState.objects.for_instance(page).exclude(status=TaskState.STATUS_IN_PROGRESS)
        task_state = decided.filter(pk=task_state_id).first()
        if task_state is None or not task_state.task.specific.get_actions(page, request.user):
            return wagtail_view(
                request, page_id=page_id, action_name=action_name, task_state_id=task_state_id
            )
        url = (
            get_valid_next_url_from_request(request)
            or AdminURLFinder(request.user).get_edit_url(page)
            or reverse("wagtailadmin_home")
        )
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            context = {"notice": notice(task_state), "url": url}
            return render_modal_workflow(
                request, "workflow/already_decided_modal.html", None, context, json_data={"step": "action"}
            )
        messages.warning(request, notice(task_state))
        return redirect(url)

    return view


urlpatterns = [
    path(
        "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        guarded("workflow_action"),
    ),
    path(
        "pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        guarded("collect_workflow_action_data"),
    ),
]
