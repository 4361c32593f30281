"""Re-verification in the admin: confirming a narrative, panels of due and expiring ones."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.action_menu import ActionMenuItem

from cms.narratives import review
from cms.narratives.models import Narrative
from cms.narratives.status import EXPIRED


def confirm_view(request, pk):
    """GET: the position and a "Still valid" button; POST: confirm it."""
    narrative = get_object_or_404(Narrative.objects.select_related("owner", "unit"), pk=pk)
    if not review.can_confirm(request.user, narrative):
        raise PermissionDenied
    if request.method == "POST" and narrative.live and narrative.status != EXPIRED:
        review.confirm(narrative, request.user)
        messages.success(
            request,
            _("“%(title)s” is confirmed as still valid; next review on %(date)s.")
            % {"title": narrative.title, "date": formats.date_format(narrative.next_review_at)},
        )
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
            target = narrative.get_admin_url()
        return redirect(target)
    return TemplateResponse(
        request,
        "narratives/admin/confirm.html",
        {
            "narrative": narrative,
            "confirmable": narrative.live and narrative.status != EXPIRED,
            "header_icon": "openquote",
            "page_title": _("Confirm narrative"),
        },
    )


@hooks.register("register_admin_urls")
def register_review_urls():
    return [path("narratives/<int:pk>/confirm/", confirm_view, name="narratives_confirm")]


class ConfirmMenuItem(ActionMenuItem):
    """ "Still valid" in the narrative's action menu, for the owner and the press office."""

    label = gettext_lazy("Confirm still valid")
    name = "action-confirm"
    icon_name = "success"
    order = 70

    def is_shown(self, context):
        instance = context.get("instance")
        return (
            context["view"] == "edit"
            and instance.live
            and instance.status != EXPIRED
            and review.can_confirm(context["request"].user, instance)
        )

    def get_url(self, parent_context):
        return reverse("narratives_confirm", args=[parent_context["instance"].pk])


@hooks.register("register_snippet_action_menu_item")
def confirm_menu_item(model):
    return ConfirmMenuItem() if model is Narrative else None


class ReviewPanel(Component):
    """Narratives the user is asked to confirm, and those about to expire."""

    name = "narratives_review"
    template_name = "narratives/admin/review_panel.html"
    order = 220

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        sees_all = user.has_perm("narratives.view_narrative")
        return {
            "to_confirm": list(review.to_confirm(user)[:20]),
            "expiring": list(review.expiring_soon()[:20]) if sees_all else [],
        }

    def render_html(self, parent_context):
        context = self.get_context_data(parent_context)
        if not context["to_confirm"] and not context["expiring"]:
            return ""
        return render_to_string(self.template_name, context, request=parent_context["request"])


@hooks.register("construct_homepage_panels")
def add_review_panel(request, panels):
    panels.append(ReviewPanel())


@hooks.register("register_log_actions")
def register_review_actions(actions):
    actions.register_action(review.CONFIRM)(review.ConfirmFormatter)
    actions.register_action(review.ESCALATE)(review.EscalateFormatter)
