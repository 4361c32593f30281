"""Internal requests in the admin: the list, the form of a new request, the request page and its steps.

Every row comes through :mod:`cms.organisation.scoping`: a unit's representative
sees the requests of their units and the ones they are named on, and another
unit's request answers 404. Each step posts to ``inquiries:request_act``; its
form cleans the input and internal_requests.py decides. A refusal is shown on
the request page with the form still filled in and the refusal's HTTP status
(409 state, 403 role, 400 values). A page drafted from a request, or correcting
the information a request is about, links back to it from the page editor.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.models import ModelLogEntry, PageLogEntry, TaskState

from cms.core.refusals import Refused
from cms.core.steps import Step, take_step
from cms.organisation.models import Unit
from cms.organisation.scoping import get_scoped_or_404, is_press_office, scoped, unit_ids
from plugins.inquiries import internal_requests
from plugins.inquiries.forms import PersonChoiceField
from plugins.inquiries.links import request_url
from plugins.inquiries.models import (
    InternalRequest,
    RequestKind,
    RequestMessage,
    RequestState,
    RequestUnit,
)
from plugins.inquiries.states import REQUEST
from plugins.inquiries.views import MENU_HOOK
from plugins.inquiries.views import request_forms as forms


def units_label(item):
    """Who asks and who it is for: "KP → WGK, MPK"."""
    targets = ", ".join(target.unit.code for target in item.targets.all())
    source = item.from_unit.code if item.from_unit else _("press office")
    return f"{source} → {targets}" if targets else source


# The list


class PersonFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField


class RequestFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Kind"), choices=RequestKind.choices, empty_label=gettext_lazy("Any kind")
    )
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"), choices=RequestState.choices, empty_label=gettext_lazy("Any state")
    )
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.filter(active=True),
        empty_label=gettext_lazy("Any unit"),
        method="filter_unit",
    )
    assignee = PersonFilter(
        label=gettext_lazy("Assignee"),
        queryset=lambda request: get_user_model().objects.filter(
            pk__in=scoped(InternalRequest.objects.all(), request.user).values("assignee")
        ),
        empty_label=gettext_lazy("Anyone"),
    )
    overdue = django_filters.BooleanFilter(
        label=gettext_lazy("Overdue"), method="filter_overdue", widget=django_filters.widgets.BooleanWidget
    )

    class Meta:
        model = InternalRequest
        fields = ["kind", "state", "unit", "assignee", "overdue"]

    def filter_unit(self, queryset, name, unit):
        return queryset.concerning(Unit.objects.filter(pk=unit.pk).with_descendants())

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = internal_requests.overdue()
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class TimeLeftColumn(Column):
    """Time left to the due date in colour; for a closed request, whether it was done on time."""

    cell_template_name = "inquiries/requests/time_left_cell.html"

    def get_value(self, instance):
        return instance


class RequestIndexView(generic.IndexView):
    model = InternalRequest
    index_url_name = "inquiries:requests"
    index_results_url_name = "inquiries:requests_results"
    add_url_name = "inquiries:request_new"
    add_item_label = gettext_lazy("New internal request")
    any_permission_required = None  # who sees which request is the scoping rule's to say
    filterset_class = RequestFilterSet
    page_title = gettext_lazy("Internal requests")
    header_icon = "tasks"
    paginate_by = 50
    default_ordering = "-created_at"

    @cached_property
    def is_searchable(self):
        return True

    def get_base_queryset(self):
        requests = InternalRequest.objects.select_related("from_unit", "assignee").prefetch_related(
            "targets__unit"
        )
        return scoped(requests, self.request.user)

    def search_queryset(self, queryset):
        return queryset.matching(self.search_query or "")

    def get_valid_orderings(self):
        return ["created_at", "-created_at", "due_at", "-due_at", "number", "-number"]

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label=_("Request"), accessor=str, get_url=request_url, sort_key="number"),
            Column("kind", label=_("Kind"), accessor="get_kind_display"),
            Column("units", label=_("Units"), accessor=units_label),
            Column(
                "assignee", label=_("Assignee"), accessor=lambda item: get_user_display_name(item.assignee)
            ),
            StatusTagColumn(
                "state", label=_("State"), accessor="get_state_display", primary=lambda item: item.is_open
            ),
            TimeLeftColumn("due_at", label=_("Time left"), sort_key="due_at"),
            DateColumn("created_at", label=_("Created"), sort_key="created_at"),
        ]

    @cached_property
    def no_results_message(self):
        if self.is_filtering or self.is_searching:
            return _("No internal requests match these filters.")
        return _(
            "No internal requests yet. The press office passes information to units here, "
            "and units ask for corrections and publications with “New internal request”."
        )


@hooks.register(MENU_HOOK)
def register_requests_menu_item():
    return MenuItem(
        _("Internal requests"), reverse("inquiries:requests"), name="requests", icon_name="tasks", order=200
    )


# A new request


class NewRequestView(WagtailAdminTemplateMixin, FormView):
    form_class = forms.NewRequestForm
    template_name = "wagtailadmin/generic/form.html"
    page_title = gettext_lazy("New internal request")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("inquiries.add_internalrequest"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("inquiries:requests"), "label": _("Internal requests")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse("inquiries:request_new"),
            submit_button_label=_("Send the request"),
            submit_button_active_label=_("Sending…"),
            media=context["form"].media,
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                item = internal_requests.open_request(
                    user=self.request.user,
                    kind=data["kind"],
                    title=data["title"],
                    body=data["body"],
                    units=list(data.get("units") or []),
                    from_unit=data["from_unit"],
                    due_at=data["due_at"],
                    source_url=data["source_url"],
                    assignee=data.get("assignee"),
                )
                if data["attachment"]:
                    name, content = data["attachment"]
                    internal_requests.add_message(
                        item,
                        user=self.request.user,
                        body=_("Attached to the request: %(name)s") % {"name": name},
                        file_name=name,
                        data=content,
                    )
        except Refused as refusal:
            form.add_error(None, refusal.message)
            return self.render_to_response(self.get_context_data(form=form), status=refusal.status)
        messages.success(self.request, _("Request %(number)s is sent.") % {"number": item.number})
        return redirect(request_url(item))


# The request page and its steps


def _message(item, user, data):
    name, content = data["attachment"] or ("", None)
    internal_requests.add_message(item, user=user, body=data["body"], file_name=name, data=content)


def _press_office(user, item):
    return is_press_office(user)


STEPS = {
    "message": Step(forms.MessageForm, _message, gettext_lazy("The message is in the thread.")),
    "acknowledge": Step(
        forms.AcknowledgeForm,
        lambda item, user, data: internal_requests.acknowledge(item, user),
        gettext_lazy("Your unit has acknowledged the information."),
    ),
    "transition": Step(
        forms.TransitionForm,
        lambda item, user, data: internal_requests.transition(
            item, data["name"], user, comment=data["comment"]
        ),
        gettext_lazy("The state of the request is changed."),
    ),
    "assign": Step(
        forms.AssignForm,
        lambda item, user, data: internal_requests.reassign(
            item, user, assignee=data["assignee"], due_at=data["due_at"]
        ),
        gettext_lazy("The assignee and the due date are saved."),
        _press_office,
    ),
    "draft": Step(
        forms.DraftForm,
        lambda item, user, data: internal_requests.draft_publication(
            item, data["kind"], user, room=data["room"]
        ),
        gettext_lazy("The draft is created. Complete it in the editor and submit it for approval."),
        _press_office,
    ),
    "correction": Step(
        forms.CorrectionForm,
        lambda item, user, data: internal_requests.link_correction(item, data["revision"], user),
        gettext_lazy("The correcting revision is linked."),
        _press_office,
    ),
}


def _item(request, pk):
    requests = InternalRequest.objects.select_related(
        "from_unit", "requested_by", "assignee", "page", "correction_revision__user"
    )
    targets = RequestUnit.objects.select_related("unit", "acknowledged_by")
    return get_scoped_or_404(requests.prefetch_related(Prefetch("targets", targets)), request.user, pk=pk)


def detail(request, pk):
    return _render(request, _item(request, pk))


@require_POST
def act(request, pk, step):
    item = _item(request, pk)
    if step not in STEPS:
        raise Http404
    form = _form(step, item, request.user, request.POST, request.FILES)
    status = take_step(request, STEPS[step], item, form)
    if status is None:
        return redirect(request_url(item))
    return _render(request, _item(request, pk), bound=(step, form), status=status)


def attachment(request, pk):
    """A file of a request's thread, for those who may see the request (another unit's answers 404)."""
    message = get_scoped_or_404(RequestMessage.objects.exclude(file=""), request.user, pk=pk)
    return FileResponse(message.file.open("rb"), as_attachment=True, filename=message.file_name)


def _form(step, item, user, data=None, files=None):
    form_class = STEPS[step].form_class
    kwargs = {}
    if form_class in (forms.AssignForm, forms.CorrectionForm):
        kwargs["item"] = item
    if form_class is forms.DraftForm:
        kwargs["user"] = user
    if form_class is forms.AssignForm and data is None:
        kwargs["initial"] = {"assignee": item.assignee_id, "due_at": item.due_at}
    return form_class(data, files, **kwargs)


def _transitions(item, user):
    """State changes offered as buttons; accepting a publication request is the draft form's."""
    return [t for t in REQUEST.available(item, user) if t.name != "accept"]


def _offered(item, user):
    """The steps whose forms the request page shows to ``user`` now."""
    press_office = is_press_office(user)
    waiting = [t for t in item.targets.all() if t.acknowledged_at is None and t.unit_id in unit_ids(user)]
    return {
        "message": True,
        "transition": bool(_transitions(item, user)),
        "acknowledge": item.kind == RequestKind.INFORMATION and bool(waiting),
        "assign": press_office and item.is_open,
        "draft": press_office
        and item.kind == RequestKind.PUBLICATION
        and item.page_id is None
        and item.state in (RequestState.NEW, RequestState.IN_PROGRESS, RequestState.ACCEPTED)
        and bool(internal_requests.press_rooms(user)),
        "correction": press_office and item.kind == RequestKind.CORRECTION and item.is_open,
    }


def chain_of(item):
    """The page of a request and the revision that matters, with its approval steps and publication.

    For a correction the revision is the linked one; for a publication, the draft's latest.
    """
    page = item.page
    if page is None:
        return None
    revision = item.correction_revision if item.kind == RequestKind.CORRECTION else page.latest_revision
    chain = {"page": page, "revision": revision}
    if revision is not None:
        steps = TaskState.objects.filter(revision=revision).select_related("task", "finished_by")
        chain["steps"] = steps.order_by("started_at", "pk")
        chain["published"] = (
            PageLogEntry.objects.filter(page=page, revision=revision, action="wagtail.publish")
            .select_related("user")
            .order_by("timestamp")
            .first()
        )
        chain["is_live"] = page.live_revision_id == revision.pk
    return chain


def _render(request, item, bound=None, status=200):
    user = request.user
    step_forms = {name: _form(name, item, user) for name, shown in _offered(item, user).items() if shown}
    if bound:
        step_forms[bound[0]] = bound[1]
    media = None
    for form in step_forms.values():
        media = form.media if media is None else media + form.media
    context = {
        "item": item,
        "thread": item.messages.select_related("author"),
        "chain": chain_of(item),
        "forms": step_forms,
        "bound_step": bound[0] if bound else "",
        "transitions": _transitions(item, user),
        "history": ModelLogEntry.objects.for_instance(item)
        .select_related("user")
        .order_by("-timestamp")[:100],
        "media": media,
        "header_title": str(item),
        "header_icon": "tasks",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("inquiries:requests"), "label": _("Internal requests")},
            {"url": "", "label": item.number, "sublabel": item.title},
        ],
    }
    return TemplateResponse(request, "inquiries/requests/detail.html", context, status=status)


# The page editor's side


@hooks.register("register_page_header_buttons")
def linked_requests_buttons(page, user, view_name, next_url=None):
    """A link to each internal request the page was drafted from or corrects (those the user may see)."""
    for item in scoped(InternalRequest.objects.filter(page=page), user).order_by("created_at"):
        yield Button(
            _("Internal request %(number)s") % {"number": item.number},
            request_url(item),
            icon_name="tasks",
            priority=70,
        )


urlpatterns = [
    path("", RequestIndexView.as_view(), name="requests"),
    path("results/", RequestIndexView.as_view(results_only=True), name="requests_results"),
    path("new/", NewRequestView.as_view(), name="request_new"),
    path("<int:pk>/", detail, name="request"),
    path("<int:pk>/do/<slug:step>/", act, name="request_act"),
    path("files/<int:pk>/", attachment, name="request_file"),
]
