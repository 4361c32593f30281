"""Admin screens of a page's review links: the list, a new link, revoking one.

Only users who can edit the page get in; a new link needs the page in moderation.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_breadcrumbs_items_for_page
from wagtail.admin.widgets import HeaderButton
from wagtail.models import Page, WorkflowState

from cms.workflow.external_review import history
from cms.workflow.external_review.forms import ReviewLinkForm
from cms.workflow.external_review.mail import send_link


def revision_in_moderation(page):
    """The revision the page's workflow is on now, or None when the page is not in moderation."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS or state.current_task_state is None:
        return None
    return state.current_task_state.revision


def can_make_links(page, user):
    return page.permissions_for_user(user).can_edit()


class PageLinksMixin(WagtailAdminTemplateMixin):
    """The page named in the URL, for users who can edit it, with the page's breadcrumbs."""

    header_icon = "link"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific

    def dispatch(self, request, *args, **kwargs):
        if not can_make_links(self.page, request.user):
            raise PermissionDenied
        return self.refusal() or super().dispatch(request, *args, **kwargs)

    def refusal(self):
        """A response that turns the editor away, or None to go on."""
        return None

    @cached_property
    def revision(self):
        """The revision in moderation, or None."""
        return revision_in_moderation(self.page)

    @property
    def index_url(self):
        return reverse("external_review_admin:index", args=[self.page.pk])

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *get_breadcrumbs_items_for_page(self.page, self.request.user),
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, index_url=self.index_url, **kwargs)


class IndexView(PageLinksMixin, TemplateView):
    page_title = _("Review links")
    template_name = "workflow/external_review/admin/index.html"

    def get_header_buttons(self):
        if self.revision is None:
            return []
        url = reverse("external_review_admin:create", args=[self.page.pk])
        return [HeaderButton(_("New review link"), url, icon_name="plus")]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reviews=self.page.external_reviews.select_related("created_by"),
            in_moderation=self.revision is not None,
            **kwargs,
        )


class CreateView(PageLinksMixin, FormView):
    page_title = _("New review link")
    form_class = ReviewLinkForm
    template_name = "workflow/external_review/admin/create.html"

    def refusal(self):
        if self.revision is None:
            messages.error(
                self.request,
                _("The page is not in moderation. Submit it for approval before asking for a review."),
            )
            return redirect(self.index_url)
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=reverse("external_review_admin:create", args=[self.page.pk]),
            submit_button_label=_("Create and send the link"),
            submit_button_active_label=_("Sending…"),
            **kwargs,
        )

    def form_valid(self, form):
        review = form.save(commit=False)
        review.page = self.page
        review.revision = self.revision
        review.created_by = self.request.user
        review.expires_at = timezone.now() + timedelta(days=form.cleaned_data["days"])
        review.save()
        history.record(
            review, history.CREATE, user=self.request.user, expires_at=review.expires_at.isoformat()
        )
        context = self.get_context_data(review=review, sent=send_link(review))
        context["header_title"] = _("Review link created")
        return TemplateResponse(self.request, "workflow/external_review/admin/created.html", context)


class RevokeView(PageLinksMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, review_id, **kwargs):
        review = get_object_or_404(self.page.external_reviews, pk=review_id)
        if review.is_open:
            review.revoked_at = timezone.now()
            review.save(update_fields=["revoked_at"])
            history.record(review, history.REVOKE, user=request.user)
            messages.success(request, _("The link for %(name)s no longer works.") % {"name": review.reviewer})
        else:
            messages.error(request, _("This link cannot be used any more, so there is nothing to revoke."))
        return redirect(self.index_url)
