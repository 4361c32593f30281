"""The citizen's pages: the report form, the acknowledgement, the private status page and its photos.

The status page is reached only by its secret link and shows nobody's
personal data: not the reporter's name or phone (the e-mail only masked), not
the reporter of another report, not internal notes, not who in the city hall
did what. A duplicate's page shows its own number and the state, public
updates and replies of the report it is handled with.
"""

from django.apps import apps
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from cms.core.refusals import Refused
from plugins.citizen_reports import abuse, attributes, handling, intake, links, photos
from plugins.citizen_reports.intake import ReportInvalid
from plugins.citizen_reports.models import PUBLIC_KINDS, Report, ReportPhoto, ReportState, UpdateKind
from plugins.citizen_reports.public_forms import ReportForm, read_photos

#: What each state means for the citizen, next to its name.
STATE_HELP = {
    ReportState.RECEIVED: _(
        "We have your report. A dispatcher will check it and pass it to the unit in charge."
    ),
    ReportState.VERIFIED: _("A dispatcher has checked the report and is finding the unit in charge."),
    ReportState.ASSIGNED: _("The unit in charge has the report and will start work on it."),
    ReportState.IN_PROGRESS: _("The unit in charge is working on the problem."),
    ReportState.RESOLVED: _("The problem has been dealt with."),
    ReportState.REJECTED: _("The report was closed without action; the reason is below."),
    ReportState.DUPLICATE: _("Someone reported the same problem; both reports are handled together."),
}


def _map_settings():
    config = apps.get_app_config("citizen_reports")
    return {
        "tiles": config.get_setting("MAP_TILE_URL"),
        "attribution": config.get_setting("MAP_ATTRIBUTION"),
        "center": config.get_setting("MAP_CENTER"),
    }


def _private(response):
    """Headers of every page that carries a status link: not indexed, not leaked, not cached."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, no_store=True)
    return response


def _masked(email):
    """``j***@example.pl``: enough for the citizen to recognise, nothing for anyone else."""
    if "@" not in email:
        return ""
    local, domain = email.rsplit("@", 1)
    return f"{local[:1]}***@{domain}"


# --- the form ----------------------------------------------------------------------------
def _show_form(request, page, form, status=200):
    context = {"page": page, "form": form.context(), "map": _map_settings()}
    return TemplateResponse(request, "citizen_reports/report_page.html", context, status=status)


def report_form(page, request):
    """GET: the empty form. POST: anti-abuse checks, then intake; errors re-show everything typed."""
    if request.method != "POST":
        return _show_form(request, page, ReportForm(page))
    limit = abuse.form_ip_limit(request)
    if limit:
        return abuse.too_many(request, page, limit)
    if abuse.is_bot(request.POST):
        return _private(TemplateResponse(request, "citizen_reports/report_done.html", {"page": page}))
    form = ReportForm(page, request.POST, request.FILES)
    problem = abuse.fill_time_problem(request.POST)
    if problem:
        form.fail(notice=problem, restart=True)
        return _show_form(request, page, form, status=400)
    if form.unasked():
        try:
            intake.check(form.submission())
        except ReportInvalid as exc:
            form.ask(exc.errors)
        else:
            form.ask({})
        return _show_form(request, page, form, status=400)
    limit = abuse.form_email_limit(request, form.email)
    if limit:
        return abuse.too_many(request, page, limit)
    try:
        report = intake.submit(form.submission())
    except ReportInvalid as exc:
        form.fail(exc.errors)
        return _show_form(request, page, form, status=400)
    abuse.count_email(request, report.email)
    return redirect(page.url + page.reverse_subpage("done", args=[report.status_token]))


def done_page(page, request, token):
    """After sending: the case number and the private status link (also e-mailed, if an e-mail was given)."""
    report = get_object_or_404(Report.objects.select_related("category"), status_token=token)
    context = {
        "page": page,
        "report": report,
        "status_url": links.status_url(report, page),
        "masked_email": _masked(report.email),
    }
    return _private(TemplateResponse(request, "citizen_reports/report_done.html", context))


# --- the status page ------------------------------------------------------------------
def _case(report):
    """The report whose progress this one follows: itself, or the report it duplicates."""
    if report.state == ReportState.DUPLICATE and report.duplicate_of_id:
        return report.duplicate_of
    return report


def _visible_photos(report, case):
    """The report's own photos, and the city's photos of the report it duplicates (not its reporter's)."""
    own = ReportPhoto.objects.filter(report=report)
    if case.pk == report.pk:
        return own
    return own | ReportPhoto.objects.filter(report=case, from_citizen=False)


def _timeline(report, case):
    """Public entries, oldest first: the report's own, and for a duplicate the other report's public ones.

    The other report's entries from its citizen are left out: they are that person's words.
    """
    entries = [(u, False) for u in report.updates.filter(kind__in=PUBLIC_KINDS).prefetch_related("photos")]
    if case.pk != report.pk:
        kinds = [k for k in PUBLIC_KINDS if k != UpdateKind.CITIZEN]
        entries += [(u, True) for u in case.updates.filter(kind__in=kinds).prefetch_related("photos")]
    entries.sort(key=lambda entry: (entry[0].created_at, entry[0].pk))
    return [
        {"update": u, "of_case": of_case, "photos": [] if of_case else list(u.photos.all())}
        for u, of_case in entries
    ]


def _status_context(page, report, errors=None, values=None):
    case = _case(report)
    until = handling.reopen_until(report)
    now = timezone.now()
    photo_list = list(_visible_photos(report, case).order_by("created_at", "pk"))
    return {
        "page": page,
        "report": report,
        "case": case,
        "is_duplicate": case.pk != report.pk,
        "state_help": STATE_HELP.get(case.state, ""),
        "overdue": case.is_overdue(now),
        "answers": attributes.display(report.category, report.attributes or {}),
        "timeline": _timeline(report, case),
        "photos": [
            (photo, page.url + page.reverse_subpage("status_photo", args=[report.status_token, photo.pk]))
            for photo in photo_list
        ],
        "reopen_until": until,
        "can_reopen": until is not None and now <= until,
        "can_add": report.state != ReportState.DUPLICATE,
        "masked_email": _masked(report.email),
        "form_url": page.url,
        "errors": errors or {},
        "values": values or {},
        "photos_accept": photos.ACCEPT_ATTRIBUTE,
        "photos_to_add_again": [],
        "photo_limits": {"count": photos.max_count(), "mb": photos.max_bytes() // (1024 * 1024)},
        "added": False,
        "reopened": False,
    }


def _report(token):
    return get_object_or_404(
        Report.objects.select_related("category", "unit", "duplicate_of__category", "duplicate_of__unit"),
        status_token=token,
    )


def status_page(page, request, token):
    """GET: the report's state, expected date, public timeline and photos. POST: add information, reopen."""
    report = _report(token)
    if request.method == "POST":
        return _status_action(page, request, report)
    context = _status_context(page, report)
    context["added"] = request.GET.get("done") == "added"
    context["reopened"] = request.GET.get("done") == "reopened"
    return _private(TemplateResponse(request, "citizen_reports/status_page.html", context))


def _status_action(page, request, report):
    limit = abuse.status_ip_limit(request)
    if limit:
        return _private(abuse.too_many(request, page, limit))
    action = request.POST.get("action")
    uploads = [u for u in request.FILES.getlist("photos") if u.name]
    try:
        if action == "reopen":
            handling.citizen_reopens(report, request.POST.get("reason", ""))
        elif action == "add":
            handling.citizen_adds(report, request.POST.get("text", ""), read_photos(uploads))
        else:
            raise Http404
    except Refused as exc:
        values = {"text": request.POST.get("text", ""), "reason": request.POST.get("reason", "")}
        context = _status_context(page, report, {action: exc.message}, values)
        context["photos_to_add_again"] = [u.name for u in uploads] if action == "add" else []
        status = exc.status
        response = TemplateResponse(request, "citizen_reports/status_page.html", context, status=status)
        return _private(response)
    done = "reopened" if action == "reopen" else "added"
    url = page.url + page.reverse_subpage("status", args=[report.status_token])
    return _private(redirect(f"{url}?done={done}#news"))


def status_photo(page, request, token, pk):
    """One photo the status page shows, from the private storage; any other photo is not found."""
    report = _report(token)
    photo = _visible_photos(report, _case(report)).filter(pk=pk).first()
    if photo is None:
        raise Http404
    response = FileResponse(photo.file.open("rb"), content_type=photo.content_type)
    response["Content-Disposition"] = "inline"
    return _private(response)
