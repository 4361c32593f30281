"""Inquiry desk › Mail quarantine: the e-mails the intake could not take in, each with the reason.

The press office sees the list (newest first) and each e-mail: headers, text and
the original to download. Coordinators take one in again (once the cause is
fixed, e.g. the case it answers exists), open a case from it anyway, or discard
it after confirming. Anyone else gets 404.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import ModelLogEntry

from cms.core.refusals import Refused
from cms.organisation.scoping import is_press_office
from plugins.inquiries.mail import intake, parsing, quarantine
from plugins.inquiries.models import QuarantinedMail
from plugins.inquiries.views import MENU_HOOK

PAGE_SIZE = 50
DONE = {
    intake.NEW: gettext_lazy("Case %(case)s was opened from the e-mail."),
    intake.REPLY: gettext_lazy("The e-mail was added to the thread of %(case)s."),
    intake.DUPLICATE: gettext_lazy("The e-mail is in %(case)s already."),
}


def _see(request):
    """Outside the press office the quarantine does not exist (404): e-mails hold other people's data."""
    if not is_press_office(request.user):
        raise Http404("Not found.")


def _handle(request):
    _see(request)
    if not quarantine.can_handle(request.user):
        raise PermissionDenied


def _crumbs(*items):
    return [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": reverse("inquiries:quarantine"), "label": _("Mail quarantine")},
        *items,
    ]


def index(request):
    _see(request)
    resolved = request.GET.get("resolved") == "1"
    items = QuarantinedMail.objects.select_related("inquiry", "resolved_by").filter(
        resolved_at__isnull=not resolved
    )
    return TemplateResponse(
        request,
        "inquiries/quarantine/index.html",
        {
            "page_obj": Paginator(items, PAGE_SIZE).get_page(request.GET.get("p")),
            "resolved": resolved,
            "page_title": _("Mail quarantine"),
            "header_title": _("Mail quarantine"),
            "header_icon": "warning",
        },
    )


def detail(request, pk):
    _see(request)
    item = get_object_or_404(QuarantinedMail.objects.select_related("inquiry", "resolved_by"), pk=pk)
    headers, text = parsing.preview(quarantine.read(item)) if item.raw else ([], "")
    title = item.subject or _("(no subject)")
    return TemplateResponse(
        request,
        "inquiries/quarantine/detail.html",
        {
            "item": item,
            "headers": headers,
            "text": text,
            "can_handle": quarantine.can_handle(request.user) and item.resolved_at is None,
            "history": ModelLogEntry.objects.for_instance(item).select_related("user").order_by("-timestamp"),
            "header_title": title,
            "header_icon": "warning",
            "breadcrumbs_items": _crumbs({"url": "", "label": title}),
        },
    )


def original(request, pk):
    """The e-mail as it arrived (.eml), for a mail program."""
    _see(request)
    item = get_object_or_404(QuarantinedMail, pk=pk)
    if not item.raw:
        raise Http404("The e-mail was discarded.")
    return FileResponse(
        item.raw.open("rb"),
        as_attachment=True,
        filename=f"quarantine-{item.pk}.eml",
        content_type="message/rfc822",
    )


@require_POST
def retry(request, pk):
    return _take_in(request, pk, anyway=False)


@require_POST
def take_anyway(request, pk):
    return _take_in(request, pk, anyway=True)


def _take_in(request, pk, *, anyway):
    _handle(request)
    item = get_object_or_404(QuarantinedMail, pk=pk)
    try:
        outcome = intake.retry(item, request.user, anyway=anyway)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect("inquiries:quarantine_detail", pk=pk)
    if outcome.result == intake.QUARANTINED:
        messages.error(
            request,
            _("The e-mail still cannot be taken in: %(reason)s") % {"reason": outcome.quarantined.reason},
        )
        return redirect("inquiries:quarantine_detail", pk=pk)
    case = outcome.inquiry
    messages.success(
        request,
        DONE[outcome.result] % {"case": case.number},
        buttons=[messages.button(reverse("inquiries:case", args=[case.pk]), _("Open the case"))],
    )
    return redirect("inquiries:quarantine")


def discard(request, pk):
    """GET: what will be deleted; POST: delete it."""
    _handle(request)
    item = get_object_or_404(QuarantinedMail, pk=pk, resolved_at__isnull=True)
    if request.method == "POST":
        try:
            quarantine.discard(item, request.user)
        except Refused as refusal:
            messages.error(request, refusal.message)
            return redirect("inquiries:quarantine_detail", pk=pk)
        messages.success(request, _("The e-mail “%(subject)s” was discarded.") % {"subject": item.subject})
        return redirect("inquiries:quarantine")
    title = item.subject or _("(no subject)")
    return TemplateResponse(
        request,
        "inquiries/quarantine/discard.html",
        {
            "item": item,
            "header_title": _("Discard “%(subject)s”") % {"subject": title},
            "header_icon": "bin",
            "breadcrumbs_items": _crumbs(
                {"url": reverse("inquiries:quarantine_detail", args=[pk]), "label": title},
                {"url": "", "label": _("Discard")},
            ),
        },
    )


class QuarantineMenuItem(MenuItem):
    def is_shown(self, request):
        return is_press_office(request.user)


@hooks.register(MENU_HOOK)
def register_quarantine_menu_item():
    return QuarantineMenuItem(
        gettext_lazy("Mail quarantine"),
        reverse("inquiries:quarantine"),
        name="quarantine",
        icon_name="warning",
        order=400,
    )


class Released(LogFormatter):
    label = gettext_lazy("Take in a quarantined e-mail")

    def format_message(self, entry):
        if entry.data.get("anyway"):
            return _("Taken in anyway: %(case)s") % {"case": entry.data.get("case", "?")}
        return _("Taken in: %(case)s") % {"case": entry.data.get("case", "?")}


class Discarded(LogFormatter):
    label = gettext_lazy("Discard a quarantined e-mail")

    def format_message(self, entry):
        return _("Discarded")


@hooks.register("register_log_actions")
def register_quarantine_actions(actions):
    actions.register_action(quarantine.RELEASE)(Released)
    actions.register_action(quarantine.DISCARD)(Discarded)
