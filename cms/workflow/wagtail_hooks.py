"""Admin integration of the workflow app: external review links, due times and escalations."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from cms.workflow import escalation
from cms.workflow.external_review import history
from cms.workflow.external_review.admin_views import can_make_links, revision_in_moderation
from cms.workflow.panels import DueTimesPanel


@hooks.register("register_admin_urls")
def register_external_review_urls():
    return [path("external-review/", include("cms.workflow.external_review.admin_urls"))]


@hooks.register("register_page_header_buttons")
def external_review_button(page, user, view_name, next_url=None):
    """ "Review links" in the page's header menu while it is in moderation or has links."""
    if page.is_root() or not can_make_links(page, user):
        return
    if revision_in_moderation(page) is None and not page.external_reviews.exists():
        return
    yield Button(
        _("Review links"),
        reverse("external_review_admin:index", args=[page.pk]),
        icon_name="link",
        priority=67,
    )


@hooks.register("register_log_actions")
def register_external_review_actions(actions):
    history.register(actions)


@hooks.register("register_log_actions")
def register_escalation_action(actions):
    actions.register_action(escalation.ESCALATE)(escalation.EscalationFormatter)


@hooks.register("construct_homepage_panels")
def add_due_times_panel(request, panels):
    panels.append(DueTimesPanel())
