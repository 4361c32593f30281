"""The public side of a review link: the page with the decision form and the framed preview.

Nobody logs in here: the signed token is the credential. A link that is tampered
with, expired or revoked gets a page that says so and nothing of the content.
"""

from functools import wraps

from django.core import signing
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cms.workflow.external_review import history
from cms.workflow.external_review.forms import DecisionForm
from cms.workflow.external_review.mail import send_decision
from cms.workflow.external_review.models import ExternalReview
from cms.workflow.external_review.tokens import read_token

INVALID, EXPIRED, REVOKED = "invalid", "expired", "revoked"
PROBLEM_STATUS = {INVALID: 404, EXPIRED: 410, REVOKED: 410}
DECISION_ACTIONS = {
    ExternalReview.Decision.APPROVED: history.APPROVE,
    ExternalReview.Decision.CHANGES_REQUESTED: history.REQUEST_CHANGES,
}


def private(view):
    """Keep the response out of caches and search engines: the address is a credential."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = never_cache(view)(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def _open(token):
    """(review, problem): the link's review, and why it cannot be used (None when it can)."""
    try:
        review_id = read_token(token)
    except signing.BadSignature:
        return None, INVALID
    review = (
        ExternalReview.objects.select_related("page", "revision", "created_by").filter(pk=review_id).first()
    )
    if review is None:
        return None, INVALID
    if review.is_revoked:
        return review, REVOKED
    if review.is_expired:
        return review, EXPIRED
    return review, None


def _problem_page(request, problem):
    return render(
        request,
        "workflow/external_review/link_problem.html",
        {"problem": problem},
        status=PROBLEM_STATUS[problem],
    )


@private
@require_http_methods(["GET", "POST"])
def review(request, token):
    """The review page: banner, preview frame, and the decision form while the link is open."""
    review, problem = _open(token)
    if problem:
        if review is not None:
            history.record(review, history.REFUSED, reason=problem)
        return _problem_page(request, problem)

    context = {"review": review, "page": review.revision.as_object(), "token": token}
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            review, decided = _decide(review, form.cleaned_data["decision"], form.cleaned_data["comment"])
            context.update(review=review, just_decided=decided, already_decided=not decided)
    else:
        form = DecisionForm()
        history.record(review, history.VIEW)
    context["form"] = form
    return render(request, "workflow/external_review/review.html", context)


def _decide(review, decision, comment):
    """Record the decision once; (review, False) when the link had already been used to decide.

    The workflow is left as it is: the approvers read the decision in the history.
    """
    with transaction.atomic():
        review = (
            ExternalReview.objects.select_for_update(of=("self",))
            .select_related("page", "revision")
            .get(pk=review.pk)
        )
        if review.decision:
            return review, False
        review.decision = decision
        review.comment = comment
        review.decided_at = timezone.now()
        review.save(update_fields=["decision", "comment", "decided_at"])
        history.record(review, DECISION_ACTIONS[decision], comment=comment)
    send_decision(review)
    return review, True


@private
@require_GET
def preview(request, token):
    """The revision under review as the site would show it, to be framed by the review page."""
    review, problem = _open(token)
    if problem:
        return _problem_page(request, problem)
    page = review.revision.as_object()
    response = page.make_preview_request(preview_mode=page.default_preview_mode)
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response
