"""The case page: thread, units, deadlines, answer versions and the forms of every step the user may take.

Each step posts to ``inquiries:act`` with its name; the form cleans the input
and the service in cases.py or answer.py decides. A refusal is shown on the
case page with the form still filled in (nothing typed is lost) and the HTTP
status of the refusal (409 state, 403 role, 400 values).
"""

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import ModelLogEntry

from cms.approvals.models import VersionState
from cms.core.steps import Step, take_step
from cms.narratives.searching import suggest
from cms.organisation.scoping import get_scoped_or_404
from cms.sla.deadlines import deadlines_of
from plugins.inquiries import answer, cases, forms, roles
from plugins.inquiries.answer import ANSWER
from plugins.inquiries.models import Assignment, Attachment, Inquiry, InquiryState
from plugins.inquiries.states import AUTOMATIC, INQUIRY

#: Steps with their own form, never offered as plain transition buttons.
OWN_FORMS = AUTOMATIC | {"send", "refuse", "assign"}


def _message(inquiry, user, data):
    cases.add_message(
        inquiry,
        user=user,
        body=data["body"],
        visibility=data["visibility"],
        files=forms.uploads(data["attachments"]),
    )


def _draft(inquiry, user, data):
    answer.save_draft(
        inquiry,
        data["body"],
        user,
        narratives=data["narratives"],
        confirm_unverified=data["confirm_unverified"],
    )


def _refuse(inquiry, user, data):
    document = data["document"]
    cases.record_refusal(
        inquiry,
        user=user,
        number=data["number"],
        decided_on=data["decided_on"],
        file_name=document.name,
        data=forms.attachments.read(document),
    )


STEPS = {
    "coordinator": Step(
        forms.CoordinatorForm,
        lambda inquiry, user, data: cases.set_coordinator(inquiry, data["coordinator"], user),
        gettext_lazy("The coordinator is set."),
    ),
    "assign": Step(
        forms.AssignForm,
        lambda inquiry, user, data: cases.assign_unit(
            inquiry,
            data["unit"],
            user=user,
            due_at=data["due_at"],
            experts=list(data["experts"]),
            instructions=data["instructions"],
        ),
        gettext_lazy("The unit is asked for its part."),
    ),
    "unassign": Step(
        forms.UnitForm,
        lambda inquiry, user, data: cases.remove_unit(data["assignment"], user),
        gettext_lazy("The unit is no longer assigned."),
    ),
    "contribute": Step(
        forms.ContributeForm,
        lambda inquiry, user, data: cases.contribute(data["assignment"], data["text"], user),
        gettext_lazy("The unit's answer is saved."),
    ),
    "message": Step(forms.MessageForm, _message, gettext_lazy("The message is in the thread.")),
    "incoming": Step(
        forms.IncomingForm,
        lambda inquiry, user, data: cases.record_incoming(
            inquiry, user=user, body=data["body"], files=forms.uploads(data["attachments"])
        ),
        gettext_lazy("The journalist's message is noted."),
    ),
    "draft": Step(forms.DraftForm, _draft, gettext_lazy("A new version of the answer is saved.")),
    "submit": Step(
        forms.CommentForm,
        lambda inquiry, user, data: ANSWER.submit(inquiry, user),
        gettext_lazy("The answer is submitted for approval."),
    ),
    "approve": Step(
        forms.CommentForm,
        lambda inquiry, user, data: ANSWER.decide(inquiry, user, approve=True, comment=data["comment"]),
        gettext_lazy("You approved the answer."),
    ),
    "send_back": Step(
        forms.CommentForm,
        lambda inquiry, user, data: ANSWER.decide(inquiry, user, approve=False, comment=data["comment"]),
        gettext_lazy("The answer is sent back with your comment."),
    ),
    "send": Step(
        forms.CommentForm,
        lambda inquiry, user, data: answer.send_answer(inquiry, user),
        gettext_lazy("The answer is e-mailed to the journalist."),
    ),
    "extend": Step(
        forms.ExtensionForm,
        lambda inquiry, user, data: cases.send_extension_notice(
            inquiry, user=user, new_due=data["new_due"], reason=data["reason"]
        ),
        gettext_lazy("The journalist is told the new date; the deadline follows it."),
    ),
    "refuse": Step(
        forms.RefusalForm, _refuse, gettext_lazy("The refusal decision is recorded; the case is closed.")
    ),
    "transition": Step(
        forms.TransitionForm,
        lambda inquiry, user, data: cases.transition(inquiry, data["name"], user, comment=data["comment"]),
        gettext_lazy("The state of the case is changed."),
    ),
}


def _inquiry(request, pk):
    inquiries = Inquiry.objects.select_related("kind", "journalist", "outlet", "coordinator", "policy")
    return get_scoped_or_404(
        inquiries.prefetch_related(
            "topics",
            "quoted_narratives",
            Prefetch("assignments", Assignment.objects.select_related("unit").prefetch_related("experts")),
        ),
        request.user,
        pk=pk,
    )


def case(request, pk):
    return _render(request, _inquiry(request, pk))


@require_POST
def act(request, pk, step):
    inquiry = _inquiry(request, pk)
    if step not in STEPS:
        raise Http404
    form = _form(STEPS[step].form_class, inquiry, request.POST, request.FILES)
    status = take_step(request, STEPS[step], inquiry, form)
    if status is None:
        return redirect("inquiries:case", pk=inquiry.pk)
    return _render(request, _inquiry(request, pk), bound=(step, form), status=status)


def attachment(request, pk):
    """A file of a case, for those who may see the case (another unit's file answers 404)."""
    item = get_object_or_404(Attachment, pk=pk)
    get_scoped_or_404(Inquiry.objects.all(), request.user, pk=item.inquiry_id)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


def _form(form_class, inquiry, data=None, files=None, **initial):
    kwargs = {"inquiry": inquiry} if issubclass(form_class, forms.UnitForm) else {}
    if form_class is forms.DraftForm:
        kwargs.update(suggested=_suggestions(inquiry), quoted=inquiry.quoted_narratives.all())
    return form_class(data, files, initial=initial or None, **kwargs)


def _suggestions(inquiry):
    return suggest(f"{inquiry.subject} {inquiry.question}", [topic.slug for topic in inquiry.topics.all()])


def _render(request, inquiry, bound=None, status=200):
    user = request.user
    coordinating = roles.is_coordinator(user) and inquiry.is_open
    latest = ANSWER.latest(inquiry)
    offered = {
        "coordinator": coordinating,
        "assign": coordinating,
        "message": roles.works_on(user, inquiry),
        "incoming": coordinating,
        "draft": ANSWER.can_draft(user, inquiry),
        "submit": bool(latest) and latest.state == VersionState.DRAFT and ANSWER.can_draft(user, inquiry),
        "approve": ANSWER.may_decide(user, inquiry, latest),
        "send": inquiry.state == InquiryState.APPROVED and roles.is_coordinator(user),
        "extend": coordinating,
        "refuse": coordinating,
    }
    initial = {
        "coordinator": {"coordinator": inquiry.coordinator_id or user.pk},
        "draft": {"body": latest.body if latest else "", "narratives": list(inquiry.quoted_narratives.all())},
    }
    step_forms = {
        name: _form(STEPS[name].form_class, inquiry, **initial.get(name, {}))
        for name, shown in offered.items()
        if shown
    }
    if bound:
        # "Send back" shares the approval form (its own button); its refusal shows there.
        step_forms["approve" if bound[0] == "send_back" else bound[0]] = bound[1]
    assignments = [
        {
            "assignment": item,
            "can_contribute": inquiry.is_open
            and (roles.is_coordinator(user) or roles.member_of_assigned_unit(user, item)),
            "can_remove": coordinating,
        }
        for item in inquiry.assignments.all()
    ]
    context = {
        "inquiry": inquiry,
        "thread": inquiry.messages.select_related("author").prefetch_related("attachments"),
        "case_files": inquiry.attachments.filter(message__isnull=True),
        "deadlines": deadlines_of(inquiry),
        "versions": ANSWER.versions(inquiry).prefetch_related("decisions__user"),
        "latest": latest,
        "stage_label": ANSWER.stage_label(latest) if latest else "",
        "assignments": assignments,
        "forms": step_forms,
        "bound_step": bound[0] if bound else "",
        "transitions": [t for t in INQUIRY.available(inquiry, user) if t.name not in OWN_FORMS],
        "can_edit": coordinating,
        "history": ModelLogEntry.objects.for_instance(inquiry)
        .select_related("user")
        .order_by("-timestamp")[:100],
        "page_title": inquiry.number,
        "page_subtitle": inquiry.subject,
        "header_icon": "mail",
    }
    return TemplateResponse(request, "inquiries/case.html", context, status=status)
