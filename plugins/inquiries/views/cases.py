"""The desk's admin screens: the case list and the case page (scoped to what the user may see)."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from cms.organisation.scoping import get_scoped_or_404, scoped
from cms.sla.deadlines import deadlines_of
from plugins.inquiries.answer import ANSWER
from plugins.inquiries.models import Assignment, Inquiry, InquiryState, InternalRequest
from plugins.inquiries.states import AUTOMATIC, INQUIRY, REQUEST

PAGE_SIZE = 50


def index(request):
    inquiries = scoped(
        Inquiry.objects.select_related("kind", "journalist", "outlet", "coordinator"), request.user
    )
    state = request.GET.get("state", "")
    if state in InquiryState.values:
        inquiries = inquiries.filter(state=state)
    if request.GET.get("overdue") == "1":
        inquiries = inquiries.overdue()
    page = Paginator(inquiries, PAGE_SIZE).get_page(request.GET.get("p"))
    return render(
        request,
        "inquiries/index.html",
        {
            "page_obj": page,
            "states": InquiryState.choices,
            "state": state,
            "now": timezone.now(),
            "header_title": _("Inquiries"),
        },
    )


def case(request, pk):
    inquiries = Inquiry.objects.select_related("kind", "journalist", "outlet", "coordinator", "policy")
    inquiry = get_scoped_or_404(
        inquiries.prefetch_related(
            "topics",
            Prefetch("assignments", Assignment.objects.select_related("unit").prefetch_related("experts")),
        ),
        request.user,
        pk=pk,
    )
    history = ModelLogEntry.objects.for_instance(inquiry).select_related("user").order_by("-timestamp")
    return render(
        request,
        "inquiries/case.html",
        {
            "inquiry": inquiry,
            "messages_": inquiry.messages.select_related("author").prefetch_related("attachments"),
            "deadlines": deadlines_of(inquiry),
            "versions": ANSWER.versions(inquiry).prefetch_related("decisions__user"),
            "transitions": [t for t in INQUIRY.available(inquiry, request.user) if t.name not in AUTOMATIC],
            "history": history[:100],
            "header_title": str(inquiry),
        },
    )


def internal_request(request, pk):
    item = get_scoped_or_404(
        InternalRequest.objects.select_related("from_unit", "requested_by", "assignee").prefetch_related(
            "targets__unit", "messages__author"
        ),
        request.user,
        pk=pk,
    )
    return render(
        request,
        "inquiries/request.html",
        {
            "item": item,
            "transitions": REQUEST.available(item, request.user),
            "header_title": str(item),
        },
    )
