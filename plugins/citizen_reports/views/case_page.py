"""The case page of a report: what was reported, where, by whom, its deadlines, timeline and reply, and the
forms of every step the person may take now.

Each step posts to ``citizen_reports:act`` with its name; the form cleans the
input and the function in handling.py or replies.py decides. A refusal shows the
case page again with the form still filled in and the refusal's HTTP status
(409 state, 403 role, 400 values).
"""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import ModelLogEntry

from cms.approvals.models import VersionState
from cms.core.steps import Step, take_step
from cms.organisation.scoping import get_scoped_or_404, scoped
from cms.sla.deadlines import deadlines_of
from plugins.citizen_reports import attributes, handling, replies, roles, routing
from plugins.citizen_reports.models import Report, ReportPhoto
from plugins.citizen_reports.replies import REPLY
from plugins.citizen_reports.states import REPORT
from plugins.citizen_reports.views import forms

PERMISSION = "citizen_reports.view_report"

STEPS = {
    "verify": Step(
        forms.CaseForm,
        lambda report, user, data: handling.verify(report, user),
        gettext_lazy("The report is verified."),
    ),
    "route": Step(
        forms.RouteForm,
        lambda report, user, data: handling.route(report, data["unit"], user, data["reason"]),
        gettext_lazy("The report is with the unit now; its people are told."),
    ),
    "hand_back": Step(
        forms.ReasonForm,
        lambda report, user, data: handling.hand_back(report, user, data["reason"]),
        gettext_lazy("The report is back in the dispatcher queue."),
    ),
    "take": Step(
        forms.CaseForm,
        lambda report, user, data: handling.take(report, user),
        gettext_lazy("You handle the report now."),
    ),
    "start": Step(
        forms.CaseForm,
        lambda report, user, data: handling.start(report, user),
        gettext_lazy("Work on the report has started."),
    ),
    "note": Step(
        forms.NoteForm,
        lambda report, user, data: handling.add_note(report, user, data["text"]),
        gettext_lazy("The internal note is added."),
    ),
    "public": Step(
        forms.PublicUpdateForm,
        lambda report, user, data: handling.add_public_update(report, user, data["text"]),
        gettext_lazy("The update is on the status page and e-mailed to the reporters."),
    ),
    "draft": Step(
        forms.DraftForm,
        lambda report, user, data: REPLY.save_draft(report, data["body"], user),
        gettext_lazy("A new version of the reply is saved."),
    ),
    "submit": Step(
        forms.CaseForm,
        lambda report, user, data: REPLY.submit(report, user),
        gettext_lazy("The reply is submitted for approval."),
    ),
    "approve": Step(
        forms.CommentForm,
        lambda report, user, data: REPLY.decide(report, user, approve=True, comment=data["comment"]),
        gettext_lazy("You approved the reply; it can be sent."),
    ),
    "send_back": Step(
        forms.CommentForm,
        lambda report, user, data: REPLY.decide(report, user, approve=False, comment=data["comment"]),
        gettext_lazy("The reply is sent back with your comment."),
    ),
    "send": Step(
        forms.CaseForm,
        lambda report, user, data: replies.send(report, user),
        gettext_lazy("The reply is e-mailed to the reporters and shown on the status page."),
    ),
    "resolve": Step(
        forms.PublicTextForm,
        lambda report, user, data: handling.resolve(report, user, data["text"]),
        gettext_lazy("The report is resolved; the reporters are told."),
    ),
    "reject": Step(
        forms.PublicTextForm,
        lambda report, user, data: handling.reject(report, user, data["text"]),
        gettext_lazy("The report is rejected; the reporters are told why."),
    ),
    "merge": Step(
        forms.MergeForm,
        lambda report, user, data: handling.merge(report, data["target"], user),
        gettext_lazy("The report is closed as a duplicate; its reporter follows the other report."),
    ),
    "reopen": Step(
        forms.ReasonForm,
        lambda report, user, data: handling.reopen(report, user, data["reason"]),
        gettext_lazy("The report is open again, with a new resolution deadline."),
    ),
    "restore": Step(
        forms.CaseForm,
        lambda report, user, data: handling.restore(report, user),
        gettext_lazy("The report is back in the dispatcher queue."),
    ),
}

#: Steps that are transitions of the same name (offered when REPORT makes them available).
TRANSITIONS = ("verify", "hand_back", "start", "resolve", "reject", "merge", "reopen", "restore")


def _report(request, pk):
    if not request.user.has_perm(PERMISSION):
        raise Http404
    reports = Report.objects.select_related("category", "unit", "handler", "area", "duplicate_of", "api_key")
    return get_scoped_or_404(reports, request.user, pk=pk)


def case(request, pk):
    return _render(request, _report(request, pk))


@require_POST
def act(request, pk, step):
    report = _report(request, pk)
    if step not in STEPS:
        raise Http404
    form = _form(STEPS[step].form_class, report, request.user, request.POST, request.FILES)
    status = take_step(request, STEPS[step], report, form)
    if status is None:
        return redirect("citizen_reports:case", pk=report.pk)
    return _render(request, _report(request, pk), bound=(step, form), status=status)


def photo(request, pk):
    """A report's photo, for those who may see the report (another unit's photo answers 404)."""
    item = get_object_or_404(ReportPhoto, pk=pk)
    _report(request, item.report_id)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type, filename=item.name)
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _suggestions(report, user):
    """Possible duplicates the person may see, nearest first."""
    found = routing.possible_duplicates(report)
    visible = set(
        scoped(Report.objects.filter(pk__in=[r.pk for r, _m in found]), user).values_list("pk", flat=True)
    )
    return [(other, metres) for other, metres in found if other.pk in visible]


def _form(form_class, report, user, data=None, files=None, **initial):
    kwargs = {"report": report, "user": user, "initial": initial or None}
    if form_class is forms.MergeForm:
        kwargs["suggestions"] = _suggestions(report, user)
    return form_class(data, files, **kwargs)


def _offered(report, user, latest):
    """Which steps' forms the person sees now (the services still decide when they are posted)."""
    available = {transition.name for transition in REPORT.available(report, user)}
    handles = roles.handles(user, report)
    offered = {name: name in available for name in TRANSITIONS}
    offered.update(
        route=bool(available & {"route", "reassign"}),
        # Dispatchers move a report to the right unit themselves.
        hand_back="hand_back" in available and not roles.is_dispatcher(user),
        take=handles and report.is_open and bool(report.unit_id) and report.handler_id != user.pk,
        note=handles,
        public=handles and report.is_open,
        draft=REPLY.can_draft(user, report) and not (latest and latest.state == VersionState.IN_APPROVAL),
        submit=bool(latest) and latest.state == VersionState.DRAFT and REPLY.can_draft(user, report),
        approve=REPLY.may_decide(user, report, latest),
        send=bool(latest) and latest.state == VersionState.APPROVED and handles,
    )
    return offered


def _render(request, report, bound=None, status=200):
    user = request.user
    latest = REPLY.latest(report)
    offered = _offered(report, user, latest)
    initial = {"draft": {"body": latest.body if latest and latest.state != VersionState.SENT else ""}}
    step_forms = {
        name: _form(STEPS[name].form_class, report, user, **initial.get(name, {}))
        for name, shown in offered.items()
        if shown
    }
    if bound:
        # "Send back" shares the approval form (its own button); its refusal shows there.
        step_forms["approve" if bound[0] == "send_back" else bound[0]] = bound[1]
    updates = report.updates.select_related("author").prefetch_related("photos")
    context = {
        "report": report,
        "answers": attributes.display(report.category, report.attributes),
        "photos": report.photos.filter(update__isnull=True),
        "updates": updates,
        "deadlines": deadlines_of(report),
        "duplicates": scoped(report.duplicates.all(), user),
        "versions": REPLY.versions(report).prefetch_related("decisions__user"),
        "latest": latest,
        "stage_label": REPLY.stage_label(latest) if latest else "",
        "forms": step_forms,
        "bound_step": bound[0] if bound else "",
        "history": ModelLogEntry.objects.for_instance(report)
        .select_related("user")
        .order_by("-timestamp")[:100],
        "header_title": report.number,
        "breadcrumbs_items": [
            {"url": reverse("citizen_reports:index"), "label": gettext("Citizen reports")},
            {"url": "", "label": report.number},
        ],
        "header_icon": "warning",
    }
    return TemplateResponse(request, "citizen_reports/admin/case.html", context, status=status)
