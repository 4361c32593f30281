"""The page of one inbox item: what was written, where, by whom; its replies and history; and the forms
of every step the person may take (assign, take, mark handled or reopen, set the sentiment, reply).

Each step posts to ``engage:act`` with its name; the form cleans the input and
handling.py or replies.py decides. A refusal shows the page again with the form
still filled in and the refusal's status (409 state, 403 role, 400 values, 502
when the platform refused the reply: the typed reply stays in the form).
"""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import ModelLogEntry

from cms.core.refusals import Refused
from cms.core.steps import Step, take_step
from cms.organisation.scoping import get_scoped_or_404
from plugins.engage import access, handling, replies
from plugins.engage.models import InboxItem, ReplyStatus
from plugins.engage.views import forms


class PlatformRefused(Refused):
    """The platform did not take the reply (it is recorded as failed)."""

    status = 502


def _reply(item, user, data):
    sent = replies.reply(item, data["text"], user, data["template"])
    if sent.status == ReplyStatus.FAILED:
        raise PlatformRefused(
            gettext("The platform did not take the reply: %(error)s") % {"error": sent.error}
        )


def _may_change(user, item):
    return user.has_perm(access.CHANGE)


def _may_reply(user, item):
    return user.has_perm(access.REPLY)


STEPS = {
    "assign": Step(
        forms.AssignForm,
        lambda item, user, data: handling.assign(item, data["person"], user),
        gettext_lazy("The assignment is saved."),
        _may_change,
    ),
    "take": Step(
        forms.ItemForm,
        lambda item, user, data: handling.assign(item, user, user),
        gettext_lazy("The item is yours now."),
        _may_change,
    ),
    "handle": Step(
        forms.ItemForm,
        lambda item, user, data: handling.mark_handled(item, user),
        gettext_lazy("The item is handled."),
        _may_change,
    ),
    "reopen": Step(
        forms.ItemForm,
        lambda item, user, data: handling.reopen(item, user),
        gettext_lazy("The item is open again."),
        _may_change,
    ),
    "sentiment": Step(
        forms.SentimentForm,
        lambda item, user, data: handling.set_sentiment(item, data["sentiment"], user),
        gettext_lazy("The sentiment is saved."),
        _may_change,
    ),
    "reply": Step(
        forms.ReplyForm,
        _reply,
        gettext_lazy("The reply is published on the platform and the item is handled."),
        _may_reply,
    ),
}


def _item(request, pk):
    if not request.user.has_perm(access.VIEW):
        raise Http404
    items = InboxItem.objects.select_related(
        "channel__owner_unit", "delivery", "assigned_to", "handled_by", "sentiment_by"
    )
    return get_scoped_or_404(items, request.user, pk=pk)


def item(request, pk):
    return _render(request, _item(request, pk))


@require_POST
def act(request, pk, step):
    found = _item(request, pk)
    if step not in STEPS:
        raise Http404
    form = STEPS[step].form_class(request.POST, item=found, user=request.user)
    if step == "reply" and "insert" in request.POST and request.user.has_perm(access.REPLY):
        return _render(request, found, bound=("reply", _with_template(form, found, request.user)))
    status = take_step(request, STEPS[step], found, form)
    if status is None:
        return redirect("engage:item", pk=found.pk)
    return _render(request, _item(request, pk), bound=(step, form), status=status)


def _with_template(form, found, user):
    """The reply form with the chosen template's text after what was typed (nothing is sent)."""
    form.is_valid()
    template = form.cleaned_data.get("template")
    typed = form.data.get("text", "").strip()
    text = "\n\n".join(part for part in (typed, template.text if template else "") if part)
    return forms.ReplyForm({"template": template.pk if template else "", "text": text}, item=found, user=user)


def _offered(found, user):
    may_change, may_reply = user.has_perm(access.CHANGE), user.has_perm(access.REPLY)
    return {
        "assign": may_change,
        "take": may_change and found.assigned_to_id != user.pk,
        "handle": may_change and not found.handled_at,
        "reopen": may_change and bool(found.handled_at),
        "sentiment": may_change,
        "reply": may_reply and not found.erased_at,
    }


def _initial(found):
    return {
        "assign": {"person": found.assigned_to_id},
        "sentiment": {"sentiment": found.sentiment},
    }


def _render(request, found, bound=None, status=200):
    user = request.user
    initial = _initial(found)
    step_forms = {
        name: STEPS[name].form_class(item=found, user=user, initial=initial.get(name))
        for name, shown in _offered(found, user).items()
        if shown
    }
    if bound:
        step_forms[bound[0]] = bound[1]
    post = found.post
    context = {
        "item": found,
        "post": post,
        "post_edit_url": post_edit_url(post),
        "replies": found.replies.select_related("by", "template"),
        "forms": step_forms,
        "bound_step": bound[0] if bound else "",
        "history": ModelLogEntry.objects.for_instance(found)
        .select_related("user")
        .order_by("-timestamp")[:50],
        "header_title": gettext("%(kind)s from %(author)s")
        % {"kind": found.get_kind_display(), "author": found.author_name or "?"},
        "breadcrumbs_items": [
            {"url": reverse("engage:index"), "label": gettext("Inbox")},
            {"url": "", "label": found.author_name or found.external_id},
        ],
        "header_icon": "comment",
    }
    return TemplateResponse(request, "engage/item.html", context, status=status)


def post_edit_url(post):
    """The admin address of a post's page, or "" for other content."""
    if post is None or not hasattr(post, "url_path"):
        return ""
    return reverse("wagtailadmin_pages:edit", args=[post.pk])
