"""Deliveries in the admin: the operations list of every post's deliveries, and a person's decisions on one.

"Send again" (a failed delivery) and the two answers to a delivery in doubt
("It is on the platform" / "It is not there: publish again") are posted from the
deliveries panel of the post's edit page (``cms.outbox.panels``), by people who
may publish the post.
"""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from cms.outbox import publishing
from cms.outbox.models import Channel, Delivery, DeliveryStatus
from cms.outbox.panels import NAMESPACE, can_decide, url_field_name
from cms.outbox.views.history import RETRY, SETTLE

delivery_policy = ModelPermissionPolicy(Delivery)


class StatusColumn(Column):
    cell_template_name = "outbox/deliveries/status_cell.html"

    def get_value(self, instance):
        return instance


class DeliveryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=DeliveryStatus.choices, empty_label=gettext_lazy("Any status")
    )
    channel = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Channel"), queryset=Channel.objects.all(), empty_label=gettext_lazy("Any channel")
    )

    class Meta:
        model = Delivery
        fields = ["status", "channel"]


class DeliveryIndexView(generic.IndexView):
    """Every delivery of every post, newest first, filtered by status and channel."""

    model = Delivery
    permission_policy = delivery_policy
    any_permission_required = ["view", "change"]
    index_url_name = f"{NAMESPACE}:index"
    index_results_url_name = f"{NAMESPACE}:index_results"
    filterset_class = DeliveryFilterSet
    page_title = gettext_lazy("Deliveries")
    header_icon = "upload"
    default_ordering = "-due_at"
    paginate_by = 50

    @cached_property
    def columns(self):
        finder = AdminURLFinder(self.request.user)
        return [
            TitleColumn(
                "post",
                label=_("Post"),
                accessor=lambda delivery: delivery.content_object or _("(deleted)"),
                get_url=lambda delivery: (
                    delivery.content_object and finder.get_edit_url(delivery.content_object)
                ),
            ),
            Column("channel", label=_("Channel")),
            StatusColumn("status", label=_("Status")),
            DateColumn("due_at", label=_("Due"), sort_key="due_at"),
            DateColumn("published_at", label=_("Published"), sort_key="published_at"),
            Column("attempt_count", label=_("Attempts")),
            Column("last_error", label=_("Reason")),
        ]

    def get_base_queryset(self):
        return Delivery.objects.select_related("channel").prefetch_related("content_object")

    def get_valid_orderings(self):
        return ["due_at", "-due_at", "published_at", "-published_at"]

    @cached_property
    def no_results_message(self):
        return _("No deliveries match these filters.")


def _delivery_and_post(request, pk):
    delivery = get_object_or_404(Delivery.objects.select_related("channel"), pk=pk)
    obj = delivery.content_object
    if obj is None:
        raise Http404(_("The post of this delivery no longer exists."))
    if not can_decide(request.user, obj):
        raise PermissionDenied
    return delivery, obj


def _back(request, obj):
    return redirect(AdminURLFinder(request.user).get_edit_url(obj) or reverse(f"{NAMESPACE}:index"))


@require_POST
def retry_view(request, pk):
    """ "Send again": a failed delivery is queued now, with a fresh count of attempts."""
    delivery, obj = _delivery_and_post(request, pk)
    if publishing.retry(delivery, request.user):
        log(
            instance=obj,
            action=RETRY,
            user=request.user,
            data={"channel": delivery.channel.name, "delivery": pk},
        )
        messages.success(
            request,
            _("“%(title)s” is being sent to %(channel)s again.")
            % {"title": obj, "channel": delivery.channel},
        )
    else:
        messages.warning(
            request, _("Only a failed delivery can be sent again; this one has changed meanwhile.")
        )
    return _back(request, obj)


@require_POST
def settle_view(request, pk):
    """A person's answer to a delivery in doubt: it is on the platform (at an address), or send it again."""
    delivery, obj = _delivery_and_post(request, pk)
    publish_again = request.POST.get("decision") == "missing"
    url = "" if publish_again else request.POST.get(url_field_name(delivery), "").strip()
    if url:
        try:
            url = forms.URLField(assume_scheme="https").clean(url)
        except forms.ValidationError:
            messages.error(request, _("“%(url)s” is not a web address.") % {"url": url})
            return _back(request, obj)
    if publishing.settle(delivery, request.user, url=url, publish_again=publish_again):
        log(
            instance=obj,
            action=SETTLE,
            user=request.user,
            data={
                "channel": delivery.channel.name,
                "delivery": pk,
                "url": url,
                "publish_again": publish_again,
            },
        )
        if publish_again:
            message = _("“%(title)s” is being published to %(channel)s again.")
        else:
            message = _("“%(title)s” is recorded as published on %(channel)s.")
        messages.success(request, message % {"title": obj, "channel": delivery.channel})
    else:
        messages.warning(request, _("This delivery is no longer waiting for a person's check."))
    return _back(request, obj)


class DeliveryViewSet(ViewSet):
    """The operations list of deliveries (in Reports), and the actions of the post's deliveries panel."""

    name = NAMESPACE
    url_prefix = "outbox/deliveries"
    icon = "upload"
    menu_label = gettext_lazy("Deliveries to channels")
    menu_hook = "register_reports_menu_item"
    menu_order = 900

    @cached_property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        def is_shown(_item, request):
            return delivery_policy.user_has_any_permission(request.user, ["view", "change"])

        return type("DeliveriesMenuItem", (MenuItem,), {"is_shown": is_shown})

    @property
    def menu_url(self):
        return reverse(f"{NAMESPACE}:index")

    def get_urlpatterns(self):
        return [
            path("", DeliveryIndexView.as_view(), name="index"),
            path("results/", DeliveryIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/retry/", retry_view, name="retry"),
            path("<int:pk>/settle/", settle_view, name="settle"),
        ]
